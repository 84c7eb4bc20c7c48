package io.syncfabric.bridge.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.sequencer.Sequencer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/** The bridge's small HTTP side: {@code /metrics} (Prometheus), {@code /health/live}, {@code /health/ready}. */
public final class BridgeHttpServer implements AutoCloseable {
  private final Undertow undertow;

  public BridgeHttpServer(String host, int port, PrometheusMeterRegistry registry, Sequencer sequencer) {
    this.undertow = Undertow.builder()
        .addHttpListener(port, host)
        .setIoThreads(1)
        .setWorkerThreads(2)
        .setHandler(Handlers.path()
            .addExactPath("/metrics", exchange -> {
              exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
              exchange.getResponseSender().send(registry.scrape());
            })
            .addExactPath("/health/live", exchange -> json(exchange, 200, "{\"status\":\"live\"}"))
            .addExactPath("/health/ready", exchange -> {
              boolean ready = sequencer.isRunning();
              json(exchange, ready ? 200 : 503,
                  "{\"status\":\"" + (ready ? "ready" : "not-ready") + "\",\"details\":{\"streams\":\"" + sequencer.state() + "\"}}");
            }))
        .build();
  }

  private static void json(io.undertow.server.HttpServerExchange exchange, int status, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(body);
  }

  public BridgeHttpServer start() {
    undertow.start();
    return this;
  }

  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}

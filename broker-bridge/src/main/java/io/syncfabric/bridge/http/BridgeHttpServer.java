package io.syncfabric.bridge.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.sequencer.Sequencer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/**
 * The small HTTP side of the bridge's processes (sequencer, mirror): {@code /metrics} (Prometheus),
 * {@code /health/live}, {@code /health/ready}.
 */
public final class BridgeHttpServer implements AutoCloseable {
  private final Undertow undertow;

  public BridgeHttpServer(String host, int port, PrometheusMeterRegistry registry, Sequencer sequencer) {
    this(host, port, registry, new Readiness() {
      @Override
      public boolean ready() {
        return sequencer.isRunning();
      }

      @Override
      public String detailsJson() {
        return "{\"streams\":\"" + sequencer.state() + "\"}";
      }
    });
  }

  public BridgeHttpServer(String host, int port, PrometheusMeterRegistry registry, Readiness readiness) {
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
              boolean ready = readiness.ready();
              json(exchange, ready ? 200 : 503,
                  "{\"status\":\"" + (ready ? "ready" : "not-ready") + "\",\"details\":" + readiness.detailsJson() + "}");
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

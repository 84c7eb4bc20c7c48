package io.syncfabric.frontend;

import io.syncfabric.frontend.auth.ApiKeys;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.fanout.EventStreamReader;
import io.syncfabric.frontend.http.HealthHandlers;
import io.syncfabric.frontend.http.PublishHandler;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.publish.IngressPublisher;
import io.syncfabric.frontend.session.SessionContext;
import io.syncfabric.frontend.ws.WebSocketEndpoint;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket frontend: Undertow serving {@code /v1/ws} and the HTTP API, a reader of the events
 * topic fanning out to local subscribers, and a producer for client publishes.
 */
public final class FrontendServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrontendServer.class);

  private final FrontendConfig config;
  private final FrontendMetrics metrics;
  private final ChannelTable channels = new ChannelTable();
  private final IngressPublisher publisher;
  private final EventStreamReader reader;
  private final WebSocketEndpoint endpoint;
  private final Undertow undertow;
  private Thread readerThread;
  private int boundPort;

  public FrontendServer(FrontendConfig config) {
    this.config = config;
    this.metrics = new FrontendMetrics(config.cloud(), config.nodeId());
    this.publisher = new IngressPublisher(config.kafkaBootstrap(), config.ingressTopic());
    this.reader = new EventStreamReader(config.kafkaBootstrap(), config.eventsTopic(), config.nodeId() + "-events",
        channels, metrics, Clock.systemUTC());
    var context = new SessionContext(config.nodeId(),
        new TokenVerifier(config.jwtSecret(), Clock.systemUTC(), config.jwtClockSkewSeconds()),
        channels, publisher, metrics, config.limits());
    this.endpoint = new WebSocketEndpoint(context, config.maxFrameBytes());

    metrics.gauge("fabric.connections.open", "Open WebSocket connections", endpoint::openConnections);
    metrics.gauge("fabric.subscriptions", "Subscriptions held by this frontend's clients", channels::subscriptionCount);
    metrics.gauge("fabric.channels", "Channels with at least one local subscriber", channels::channelCount);

    PathHandler routes = Handlers.path()
        .addExactPath("/v1/ws", Handlers.websocket(endpoint))
        .addExactPath("/v1/publish", new PublishHandler(new ApiKeys(config.apiKeys()), publisher, metrics,
            config.limits().maxPublishBytes() + 4096))
        .addExactPath("/health/live", HealthHandlers.live())
        .addExactPath("/health/ready", HealthHandlers.ready(this::readiness))
        .addExactPath("/metrics", exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
          exchange.getResponseSender().send(metrics.scrape());
        });
    Undertow.Builder builder = Undertow.builder()
        .addHttpListener(config.httpPort(), config.httpHost())
        .setHandler(routes);
    if (config.ioThreads() > 0) {
      builder.setIoThreads(config.ioThreads());
    }
    this.undertow = builder.build();
  }

  /** Starts serving; the frontend reports ready once it reads the events topic. */
  public synchronized FrontendServer start() {
    undertow.start();
    boundPort = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    readerThread = new Thread(reader, "events-" + config.nodeId());
    readerThread.setDaemon(true);
    readerThread.start();
    log.info("frontend {} listening on {}:{} (cloud {})", config.nodeId(), config.httpHost(), boundPort, config.cloud());
    return this;
  }

  public int port() {
    return boundPort;
  }

  public String nodeId() {
    return config.nodeId();
  }

  /** WebSocket URL clients should use. */
  public String publicUrl() {
    return config.publicUrl().isBlank() ? "ws://" + config.httpHost() + ":" + boundPort + "/v1/ws" : config.publicUrl();
  }

  public boolean isReady() {
    return reader.isReady();
  }

  public FrontendMetrics metrics() {
    return metrics;
  }

  private HealthHandlers.Readiness readiness() {
    var details = HealthHandlers.details()
        .put("node", config.nodeId())
        .put("cloud", config.cloud())
        .put("kafkaReachable", reader.kafkaReachable())
        .put("eventsPartitions", reader.assignedPartitions())
        .put("connections", endpoint.openConnections());
    return new HealthHandlers.Readiness(reader.isReady(), details);
  }

  /** Closes clients with {@code shutting-down} (reconnect elsewhere), then stops everything. */
  @Override
  public synchronized void close() {
    endpoint.closeAll(ErrorCode.SHUTTING_DOWN, "frontend stopping");
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (endpoint.openConnections() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20); // let close frames reach clients before the I/O threads stop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    reader.close();
    if (readerThread != null) {
      try {
        readerThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    undertow.stop();
    publisher.close();
    metrics.close();
    log.info("frontend {} stopped", config.nodeId());
  }
}

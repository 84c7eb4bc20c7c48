package io.syncfabric.frontend;

import io.syncfabric.frontend.auth.ApiKeys;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.cluster.HazelcastMember;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.frontend.history.HistoryLimits;
import io.syncfabric.frontend.history.HistoryStore;
import io.syncfabric.frontend.history.MemoryHistoryStore;
import io.syncfabric.frontend.fanout.EventStreamReader;
import io.syncfabric.frontend.http.HealthHandlers;
import io.syncfabric.frontend.http.PublishHandler;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.publish.IngressPublisher;
import io.syncfabric.frontend.recovery.KafkaReplayer;
import io.syncfabric.frontend.recovery.RecoveryService;
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
  private final HazelcastMember hazelcast;
  private final HistoryStore history;
  private final CoalescingHistoryReader historyReader;
  private final KafkaReplayer replayer;
  private Thread replayerThread;
  private final WebSocketEndpoint endpoint;
  private final Undertow undertow;
  private Thread readerThread;
  private int boundPort;

  public FrontendServer(FrontendConfig config) {
    this.config = config;
    this.metrics = new FrontendMetrics(config.cloud(), config.nodeId());
    this.publisher = new IngressPublisher(config.kafkaBootstrap(), config.ingressTopic());
    HistoryLimits limits = new HistoryLimits(config.historyMaxEntries(), config.historyTtlSeconds() * 1000L,
        Clock.systemUTC());
    this.hazelcast = startHazelcast(config);
    this.history = hazelcast != null
        ? new HazelcastHistoryStore(hazelcast.instance(), limits, e -> metrics.historyError())
        : new MemoryHistoryStore(limits, config.cluster().enabled() ? "memory (hazelcast down)" : "memory");
    this.historyReader = new CoalescingHistoryReader(history);
    this.replayer = new KafkaReplayer(config.kafkaBootstrap(), config.eventsTopic(), config.nodeId() + "-replay",
        config.recoveryKafkaMarginMs(), config.recoveryKafkaMaxScan());
    this.reader = new EventStreamReader(config.kafkaBootstrap(), config.eventsTopic(), config.nodeId() + "-events",
        channels, history, metrics, Clock.systemUTC());
    var recovery = new RecoveryService(channels, historyReader, replayer, metrics, config.recoveryMaxMessages(),
        RecoveryService.roundDelay());
    var context = new SessionContext(config.nodeId(),
        new TokenVerifier(config.jwtSecret(), Clock.systemUTC(), config.jwtClockSkewSeconds()),
        channels, publisher, metrics, config.limits(), recovery, historyReader);
    this.endpoint = new WebSocketEndpoint(context, config.maxFrameBytes());

    metrics.gauge("fabric.connections.open", "Open WebSocket connections", endpoint::openConnections);
    metrics.gauge("fabric.subscriptions", "Subscriptions held by this frontend's clients", channels::subscriptionCount);
    metrics.gauge("fabric.channels", "Channels with at least one local subscriber", channels::channelCount);
    metrics.gauge("fabric.hazelcast.members", "Members of the cloud's Hazelcast cluster this frontend sees (0: not in one)",
        () -> hazelcast == null ? 0 : hazelcast.memberCount());
    metrics.gauge("fabric.history.store.reads", "Hot history reads that reached the store (concurrent ones share one)",
        historyReader::storeReads);
    metrics.gauge("fabric.recovery.kafka.scans", "Partition scans done by the Kafka replayer", replayer::scans);

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
    replayerThread = new Thread(replayer, "replay-" + config.nodeId());
    replayerThread.setDaemon(true);
    replayerThread.start();
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
        .put("connections", endpoint.openConnections())
        .put("history", history.describe())
        .put("hazelcastMembers", hazelcast == null ? 0 : hazelcast.memberCount())
        .put("degraded", config.cluster().enabled() && (hazelcast == null || hazelcast.memberCount() == 0));
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
    replayer.close();
    if (readerThread != null) {
      try {
        readerThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    undertow.stop();
    publisher.close();
    if (hazelcast != null) {
      hazelcast.close();
    }
    metrics.close();
    log.info("frontend {} stopped", config.nodeId());
  }

  /**
   * Stops at once, as a crash would, for failure drills and tests: connections drop without close
   * frames and the Hazelcast member vanishes without handing over.
   */
  public synchronized void halt() {
    if (hazelcast != null) {
      hazelcast.terminate();
    }
    reader.close();
    replayer.close();
    endpoint.abortAll();
    undertow.stop();
    publisher.close();
    metrics.close();
    log.info("frontend {} halted", config.nodeId());
  }

  /** The Hazelcast member, or null when running without one. */
  public HazelcastMember hazelcast() {
    return hazelcast;
  }

  public CoalescingHistoryReader historyReader() {
    return historyReader;
  }

  public KafkaReplayer replayer() {
    return replayer;
  }

  private HazelcastMember startHazelcast(FrontendConfig config) {
    if (!config.cluster().enabled()) {
      return null;
    }
    try {
      return HazelcastMember.start(config.cluster(), config.nodeId(), config.historyTtlSeconds());
    } catch (RuntimeException e) {
      log.warn("frontend {} serves without Hazelcast (history per frontend, recovery from Kafka): {}",
          config.nodeId(), e.toString());
      return null;
    }
  }
}

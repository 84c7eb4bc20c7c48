package io.syncfabric.frontend;

import io.syncfabric.frontend.auth.ReloadingApiKeys;
import io.syncfabric.frontend.auth.TokenKeys;
import io.syncfabric.frontend.auth.TokenRules;
import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.cluster.HazelcastMember;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.frontend.history.HistoryLimits;
import io.syncfabric.frontend.history.HistoryStore;
import io.syncfabric.frontend.history.MemoryHistoryStore;
import io.syncfabric.frontend.fanout.EventStreamReader;
import io.syncfabric.frontend.fanout.OriginStreams;
import io.syncfabric.frontend.http.ApiKeyPost;
import io.syncfabric.frontend.dashboard.DashboardFiles;
import io.syncfabric.frontend.dashboard.OtherClouds;
import io.syncfabric.frontend.dashboard.StatsHub;
import io.syncfabric.frontend.http.ClientScriptHandler;
import io.syncfabric.frontend.http.DiscoveryHandler;
import io.syncfabric.frontend.http.DrainHandler;
import io.syncfabric.frontend.http.HealthHandlers;
import io.syncfabric.frontend.http.Listener;
import io.syncfabric.frontend.http.OriginCheck;
import io.syncfabric.frontend.http.PingHandler;
import io.syncfabric.frontend.http.PublishHandler;
import io.syncfabric.frontend.membership.Membership;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.pool.HazelcastPoolStore;
import io.syncfabric.frontend.pool.HazelcastUserConnections;
import io.syncfabric.frontend.pool.LocalPoolStore;
import io.syncfabric.frontend.pool.LocalUserConnections;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.Pool;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.frontend.pool.UserConnectionLimit;
import io.syncfabric.frontend.pool.UserConnections;
import io.syncfabric.frontend.presence.HazelcastPresenceBus;
import io.syncfabric.frontend.presence.HazelcastPresenceStore;
import io.syncfabric.frontend.presence.LocalPresenceStore;
import io.syncfabric.frontend.presence.Presence;
import io.syncfabric.frontend.presence.PresenceBus;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.publish.IngressPublisher;
import io.syncfabric.frontend.recovery.KafkaReplayer;
import io.syncfabric.frontend.recovery.RecoveryService;
import io.syncfabric.frontend.session.ClientSession;
import io.syncfabric.frontend.session.SessionContext;
import io.syncfabric.frontend.ws.WebSocketEndpoint;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket frontend: Undertow serving {@code /v1/ws} and the HTTP API, a reader of the events
 * topic fanning out to local subscribers, a producer for client publishes, and a member of its
 * cloud's pool (heartbeat entry, presence, per-user counts, drain).
 */
public final class FrontendServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrontendServer.class);

  private final FrontendConfig config;
  private final FrontendMetrics metrics;
  private final ChannelTable channels = new ChannelTable();
  private final IngressPublisher publisher;
  private final EventStreamReader reader;
  private final OriginStreams streams;
  private final HazelcastMember hazelcast;
  private final HistoryStore history;
  private final CoalescingHistoryReader historyReader;
  private final KafkaReplayer replayer;
  private Thread replayerThread;
  private final WebSocketEndpoint endpoint;
  private final Undertow undertow;
  private Thread readerThread;
  private int boundPort;
  private final Pool pool;
  private final Presence presence;
  private final PresenceBus presenceBus;
  private final UserConnections userConnections;
  private final ScheduledExecutorService heartbeat;
  private final java.util.concurrent.ExecutorService cleanup;
  private final Drain drain;
  private final StatsHub stats;
  private final Membership members;

  public FrontendServer(FrontendConfig config) {
    this.config = config;
    this.metrics = new FrontendMetrics(config.cloud(), config.nodeId());
    this.publisher = new IngressPublisher(config.kafkaBootstrap(), config.kafkaSecurity(), config.ingressTopic());
    HistoryLimits limits = new HistoryLimits(config.historyMaxEntries(), config.historyTtlSeconds() * 1000L,
        Clock.systemUTC());
    this.hazelcast = startHazelcast(config);
    this.history = hazelcast != null
        ? new HazelcastHistoryStore(hazelcast.instance(), limits, e -> metrics.historyError())
        : new MemoryHistoryStore(limits, config.cluster().enabled() ? "memory (hazelcast down)" : "memory");
    this.historyReader = new CoalescingHistoryReader(history, CoalescingHistoryReader.READ_TIMEOUT, metrics::historyError);
    this.replayer = new KafkaReplayer(config.kafkaBootstrap(), config.kafkaSecurity(), config.nodeId() + "-replay",
        config.recoveryKafkaMarginMs(), config.recoveryKafkaMaxScan());
    this.streams = new OriginStreams(config.cloud(), config.eventsTopic());
    this.reader = new EventStreamReader(config.kafkaBootstrap(), config.kafkaSecurity(), streams, config.nodeId() + "-events",
        channels, history, metrics, Clock.systemUTC());
    var recovery = new RecoveryService(channels, historyReader, replayer, metrics, streams, config.recoveryMaxMessages(),
        RecoveryService.roundDelay());
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pool-" + config.nodeId()));
    this.cleanup = Executors.newSingleThreadExecutor(r -> daemon(r, "pool-cleanup-" + config.nodeId()));
    this.pool = new Pool(hazelcast != null ? new HazelcastPoolStore(hazelcast.instance()) : new LocalPoolStore(),
        this::selfEntry, config.pool().memberTtlMs(), System::currentTimeMillis, cleanup);
    this.userConnections = hazelcast != null
        ? new HazelcastUserConnections(hazelcast.instance()) : new LocalUserConnections();
    this.presenceBus = hazelcast != null ? new HazelcastPresenceBus(hazelcast.instance()) : PresenceBus.local();
    this.presence = !config.pool().presence() ? null : new Presence(
        hazelcast != null ? new HazelcastPresenceStore(hazelcast.instance()) : new LocalPresenceStore(), presenceBus);
    pool.onDeparture(node -> {
      metrics.poolDeparture();
      if (presence != null) {
        presence.nodeDeparted(node);
      }
      userConnections.removeNode(node);
    });
    if (hazelcast != null) {
      hazelcast.onMemberLeft(uuid -> {
        pool.excludeMember(uuid);
        try {
          heartbeat.execute(() -> pool.hazelcastMemberLeft(uuid));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
          // this frontend is stopping too: nothing left to clean up for
        }
      });
    }
    this.members = new Membership(config.members(), config.cloud(), config.nodeId(), config.kafkaBootstrap(), config.kafkaSecurity(),
        this::selfEntry, metrics.registry());
    this.stats = new StatsHub(config.cloud(), config.nodeId(), pool::live, OtherClouds.of(members::remote, members::lagMs),
        metrics.events(), config.pool().heartbeatMs());
    UserConnectionLimit userLimit = config.pool().maxConnectionsPerUser() == 0 ? null
        : new UserConnectionLimit(userConnections, pool, config.nodeId(), config.pool().maxConnectionsPerUser());
    var context = new SessionContext(config.nodeId(),
        tokenVerifier(config),
        channels, publisher, metrics, config.limits(), recovery, historyReader, presence, userLimit, stats, streams);
    this.endpoint = new WebSocketEndpoint(context, config.maxFrameBytes(), config.maxConnectionsPerAddress());
    pool.onEvicted(() -> endpoint.sessions().forEach(ClientSession::rejoin));
    this.drain = new Drain(config.nodeId(), pool, heartbeat, endpoint, metrics, config.pool().drainTimeoutMs());

    metrics.gauge("fabric.connections.open", "Open WebSocket connections", endpoint::openConnections);
    metrics.gauge("fabric.subscriptions", "Subscriptions held by this frontend's clients", channels::subscriptionCount);
    metrics.gauge("fabric.channels", "Channels with at least one local subscriber", channels::channelCount);
    metrics.gauge("fabric.hazelcast.members", "Members of the cloud's Hazelcast cluster this frontend sees (0: not in one)",
        () -> hazelcast == null ? 0 : hazelcast.memberCount());
    metrics.gauge("fabric.history.store.reads", "Hot history reads that reached the store (concurrent ones share one)",
        historyReader::storeReads);
    metrics.gauge("fabric.outbound.queue.depth", "Frames waiting to be written, over every connection",
        () -> endpoint.sessions().stream().mapToInt(ClientSession::queueDepth).sum());
    metrics.gauge("fabric.pool.members", "Frontends of the cloud's pool heard from within the TTL (this one included)",
        () -> pool.live().size());
    metrics.gauge("fabric.pool.capacity", "Connections this frontend is sized for (pool.capacity)",
        () -> config.pool().capacity());
    metrics.gauge("fabric.pool.draining", "1 while this frontend drains", () -> drain.started() ? 1 : 0);
    metrics.gauge("fabric.recovery.kafka.scans", "Partition scans done by the Kafka replayer", replayer::scans);

    ReloadingApiKeys apiKeys = new ReloadingApiKeys(config.apiKeys(), config.security().apiKeysFile(),
        System::currentTimeMillis);
    PathHandler routes = Handlers.path()
        .addExactPath("/v1/ws", new OriginCheck(config.security().allowedOrigins(), metrics, Handlers.websocket(endpoint)))
        .addExactPath("/v1/publish", new ApiKeyPost(apiKeys, metrics, new PublishHandler(publisher, metrics,
            config.limits().maxPublishBytes() + 4096)))
        .addExactPath("/v1/discovery", new DiscoveryHandler(pool, members, config.cloud(), config.nodeId(), config.region()))
        .addExactPath("/v1/ping", new PingHandler(config.nodeId()))
        .addExactPath("/fabric.js", new ClientScriptHandler()).addPrefixPath("/fabric", new ClientScriptHandler())
        .addExactPath("/", DashboardFiles.handler())
        .addPrefixPath("/dashboard", DashboardFiles.handler())
        .addExactPath("/admin/drain", new ApiKeyPost(apiKeys, metrics, new DrainHandler(this::startDrain)))
        .addExactPath("/health/live", HealthHandlers.live())
        .addExactPath("/health/ready", HealthHandlers.ready(this::readiness))
        .addExactPath("/metrics", exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
          exchange.getResponseSender().send(metrics.scrape());
        });
    this.undertow = Listener.build(config, routes);
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
    pool.beat();
    long every = config.pool().heartbeatMs();
    heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    members.start();
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
    String scheme = config.security().tls() != null ? "wss://" : "ws://";
    return config.publicUrl().isBlank() ? scheme + config.httpHost() + ":" + boundPort + "/v1/ws" : config.publicUrl();
  }

  public boolean isReady() {
    return reader.isReady() && !drain.started();
  }

  public boolean isDraining() {
    return drain.started();
  }

  public Pool pool() {
    return pool;
  }

  /** HTTP base URL of this frontend, derived from its public WebSocket URL. */
  public String publicHttpUrl() {
    URI ws = URI.create(publicUrl());
    return (ws.getScheme().equals("wss") ? "https" : "http") + "://" + ws.getRawAuthority();
  }

  /**
   * Starts draining (once): see {@link Drain}. Returns false when a drain was already under way.
   */
  public boolean startDrain() {
    return drain.start();
  }

  /** Drains and waits for it to finish; for SIGTERM. */
  public void drainAndWait() {
    drain.start();
    drain.awaitDone();
  }

  private void beat() {
    try {
      metrics.tickLive();
      pool.beat();
      stats.tick(System.currentTimeMillis());
    } catch (RuntimeException e) {
      if (heartbeat.isShutdown()) {
        log.debug("pool heartbeat interrupted by the stop: {}", e.toString());
      } else {
        log.warn("pool heartbeat failed: {}", e.toString());
      }
    }
  }

  private PoolMember selfEntry() {
    MemberState state = drain.started() ? MemberState.DRAINING : reader.isReady() ? MemberState.SERVING : MemberState.STARTING;
    return new PoolMember(config.nodeId(), config.cloud(), config.region(), publicUrl(), publicHttpUrl(),
        endpoint.openConnections(), config.pool().capacity(), state, hazelcast == null ? "" : hazelcast.uuid(), 0,
        metrics.liveStats());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
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
    details.put("state", drain.started() ? "draining" : reader.isReady() ? "serving" : "starting")
        .put("poolMembers", pool.live().size());
    details.set("clouds", members.cloudsJson());
    return new HealthHandlers.Readiness(isReady(), details);
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
    heartbeat.shutdownNow();
    cleanup.shutdownNow();
    members.close();
    try {
      // our clients are gone: clear what they left in the pool ourselves, as a sweeper would for a crash
      if (presence != null) {
        presence.nodeDeparted(config.nodeId());
      }
      userConnections.removeNode(config.nodeId());
      pool.leave();
    } catch (RuntimeException e) {
      log.debug("pool entry not removed: {}", e.toString());
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
    heartbeat.shutdownNow();
    cleanup.shutdownNow();
    members.halt();
    if (hazelcast != null) {
      hazelcast.terminate(); // first, as in a crash: the survivors clean up after this member
    }
    // then the connections, before the readers: a client must never get a "recovery unavailable"
    // answer from a frontend that is already taking its parts down
    endpoint.abortAll();
    undertow.stop();
    reader.close();
    replayer.close();
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

  private static TokenVerifier tokenVerifier(FrontendConfig config) {
    var t = config.tokens();
    return new TokenVerifier(TokenKeys.ofSecrets(List.of(config.jwtSecret(), t.previousSecret()), t.jwksFile(), t.jwksUrl(), t.jwksCacheMs(),
        t.jwksRefreshMinMs()), new TokenRules(t.audience(), t.issuer(), config.jwtClockSkewSeconds()), Clock.systemUTC());
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

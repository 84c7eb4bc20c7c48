package io.syncfabric.frontend;

import io.syncfabric.config.CommonKeys;
import io.syncfabric.config.Config;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigException;
import io.syncfabric.config.ConfigKey;
import io.syncfabric.config.KafkaClientSecurity;
import io.syncfabric.frontend.cluster.ClusterSettings;
import io.syncfabric.frontend.membership.MembershipSettings;
import io.syncfabric.frontend.session.SessionLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Validated configuration of one WebSocket frontend. */
public record FrontendConfig(
    String cloud,
    String region,
    String nodeId,
    String kafkaBootstrap,
    KafkaClientSecurity kafkaSecurity,
    String ingressTopic,
    String eventsTopic,
    String httpHost,
    int httpPort,
    String publicUrl,
    String jwtSecret,
    long jwtClockSkewSeconds,
    List<String> apiKeys,
    int maxFrameBytes,
    int maxConnectionsPerAddress,
    SessionLimits limits,
    int ioThreads,
    ClusterSettings cluster,
    int historyMaxEntries,
    int historyTtlSeconds,
    int recoveryMaxMessages,
    long recoveryKafkaMarginMs,
    long recoveryKafkaMaxScan,
    PoolSettings pool,
    TokenSettings tokens,
    SecuritySettings security,
    MembershipSettings members) {

  /**
   * Server-side protections.
   *
   * @param apiKeysFile extra API keys, one per line, re-read when the file changes; or null
   * @param allowedOrigins Origin globs allowed to open WebSockets; empty allows all
   * @param tls the listener's TLS material, or null for plain HTTP
   */
  public record SecuritySettings(Path apiKeysFile, List<String> allowedOrigins, TlsSettings tls) {}

  /** A PKCS12/JKS keystore, or a PEM certificate chain and PKCS#8 private key. */
  public record TlsSettings(Path keystore, String keystorePassword, Path certPem, Path keyPem) {}

  /**
   * Where connection-token keys come from and which claims are required (see docs/security.md).
   *
   * @param jwksFile JWK set file with RSA/EC public keys, or null
   * @param jwksUrl JWKS endpoint, or blank
   * @param audience required {@code aud}, or null
   * @param issuer required {@code iss}, or null
   */
  public record TokenSettings(String previousSecret, Path jwksFile, String jwksUrl, long jwksCacheMs, long jwksRefreshMinMs, String audience,
      String issuer) {}

  /**
   * Pool membership, presence and drain.
   *
   * @param capacity connections this frontend is sized for (discovery reports load against it)
   */
  public record PoolSettings(long heartbeatMs, long memberTtlMs, int capacity, long drainTimeoutMs,
      boolean presence, int maxConnectionsPerUser) {}

  public static final ConfigKey<String> REGION = ConfigKey.nonBlank("region", "local", "Region label shown in discovery.");
  public static final ConfigKey<String> NODE_ID = ConfigKey.string("node.id", "", "Frontend id; empty means <cloud>-<port>.");
  public static final ConfigKey<String> HTTP_HOST = ConfigKey.nonBlank("http.host", "127.0.0.1",
      "Address to listen on (0.0.0.0 in containers).");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.intRange("http.port", 8080, 0, 65535,
      "HTTP and WebSocket port (0 picks a free one).");
  public static final ConfigKey<String> PUBLIC_URL = ConfigKey.string("public.url", "",
      "WebSocket URL clients use to reach this frontend; empty means ws://<http.host>:<http.port>/v1/ws.");
  public static final ConfigKey<String> JWT_SECRET = new ConfigKey<>("jwt.secret", s -> s, "",
      s -> s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length >= 32, "empty or at least 32 bytes",
      "HMAC secret for HS256/384/512 tokens; required unless jwt.jwks.file or jwt.jwks.url gives public keys.");
  public static final ConfigKey<String> JWT_SECRET_PREVIOUS = new ConfigKey<>("jwt.secret.previous", s -> s, "",
      s -> s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length >= 32, "empty or at least 32 bytes",
      "While rotating jwt.secret: the old secret, still accepted until tokens signed with it have expired.");
  public static final ConfigKey<String> JWKS_FILE = ConfigKey.string("jwt.jwks.file", "",
      "JWK set (JSON) with the RSA/EC public keys tokens may be signed with; the header's kid picks the key.");
  public static final ConfigKey<String> JWKS_URL = ConfigKey.string("jwt.jwks.url", "",
      "JWKS endpoint of your identity provider; cached, and refetched when a token names an unknown kid.");
  public static final ConfigKey<Long> JWKS_CACHE_SECONDS = ConfigKey.longRange("jwt.jwks.cache.seconds", 300, 1, 86_400,
      "How long keys fetched from jwt.jwks.url are kept.");
  public static final ConfigKey<Long> JWKS_REFRESH_MIN_MS = ConfigKey.longRange("jwt.jwks.refresh.min.ms", 30_000, 1,
      3_600_000, "Least time between two JWKS fetches caused by unknown key ids (forged kids cannot hammer the IdP).");
  public static final ConfigKey<String> JWT_AUDIENCE = ConfigKey.string("jwt.audience", "",
      "When set, tokens must list it in aud.");
  public static final ConfigKey<String> JWT_ISSUER = ConfigKey.string("jwt.issuer", "",
      "When set, tokens' iss must equal it.");
  public static final ConfigKey<Long> JWT_SKEW = ConfigKey.longRange("jwt.clock.skew.seconds", 30, 0, 600,
      "Tolerance for exp and nbf checks.");
  public static final ConfigKey<List<String>> API_KEYS = ConfigKey.list("api.keys", "",
      "API keys accepted by POST /v1/publish (comma-separated); none means the endpoint refuses all.");
  public static final ConfigKey<Integer> MAX_FRAME_BYTES = ConfigKey.intRange("ws.max.frame.bytes", 65_536, 256, 16 << 20,
      "Largest client frame; bigger ones close the connection with 1009.");
  public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS = ConfigKey.intRange("ws.max.subscriptions", 256, 1, 100_000,
      "Subscriptions one connection may hold.");
  public static final ConfigKey<Integer> MAX_PUBLISH_BYTES = ConfigKey.intRange("publish.max.payload.bytes", 65_536, 1, 900_000,
      "Largest data a client or HTTP publish may carry.");
  public static final ConfigKey<Long> CONNECT_TIMEOUT_MS = ConfigKey.longRange("ws.connect.timeout.ms", 10_000, 100, 600_000,
      "Time a new connection has to send connect.");
  public static final ConfigKey<Integer> QUEUE_FRAMES = ConfigKey.intRange("ws.outbound.queue.frames", 4_096, 8, 1_000_000,
      "Frames a connection may have waiting; more closes it as a slow consumer.");
  public static final ConfigKey<Long> QUEUE_BYTES = ConfigKey.longRange("ws.outbound.queue.bytes", 4L << 20, 1024, 1L << 30,
      "Bytes a connection may have waiting; more closes it as a slow consumer.");
  public static final ConfigKey<Integer> MAX_MESSAGES_PER_SECOND = ConfigKey.intRange("ws.max.messages.per.second", 100, 0,
      1_000_000, "Frames one connection may send per second (bursts of twice that); more closes it with 4006. 0: no limit.");
  public static final ConfigKey<Integer> MAX_PER_ADDRESS = ConfigKey.intRange("ws.max.connections.per.address", 5_000, 0,
      10_000_000, "Connections one source address may hold on this frontend; more are refused with 4005. 0: no limit.");
  public static final ConfigKey<Long> PING_INTERVAL_MS = ConfigKey.longRange("ws.ping.interval.ms", 25_000, 0, 3_600_000,
      "How often the frontend pings each connection (keeps NAT and load balancer paths open). 0: never.");
  public static final ConfigKey<Long> IDLE_TIMEOUT_MS = ConfigKey.longRange("ws.idle.timeout.ms", 60_000, 0, 86_400_000,
      "A connection that sent nothing, not even a pong, for this long is closed with 4007; more than ws.ping.interval.ms. 0: never.");
  public static final ConfigKey<Integer> IO_THREADS = ConfigKey.intRange("http.io.threads", 0, 0, 256,
      "Undertow I/O threads; 0 means one per core.");

  public static final ConfigKey<Boolean> HZ_ENABLED = ConfigKey.bool("hazelcast.enabled", true,
      "Join the cloud's Hazelcast cluster (shared hot history); false keeps history per frontend.");
  public static final ConfigKey<String> HZ_CLUSTER = ConfigKey.string("hazelcast.cluster.name", "",
      "Hazelcast cluster name; empty means syncfabric-<cloud> (one cluster per cloud).");
  public static final ConfigKey<String> HZ_HOST = ConfigKey.nonBlank("hazelcast.host", "127.0.0.1",
      "Interface Hazelcast binds to and advertises.");
  public static final ConfigKey<Integer> HZ_PORT = ConfigKey.intRange("hazelcast.port", 5701, 1, 65535,
      "First Hazelcast port tried (the next free one is used when taken).");
  public static final ConfigKey<String> HZ_DISCOVERY = ConfigKey.oneOf("hazelcast.discovery", "tcp-ip",
      List.of("tcp-ip", "kubernetes"), "How members find each other (never multicast).");
  public static final ConfigKey<List<String>> HZ_MEMBERS = ConfigKey.list("hazelcast.members", "127.0.0.1:5701",
      "TCP-IP discovery: the cloud's frontends, host[:port], comma-separated.");
  public static final ConfigKey<String> HZ_K8S_DNS = ConfigKey.string("hazelcast.kubernetes.service.dns", "",
      "Kubernetes discovery: the headless service's DNS name.");
  public static final ConfigKey<Integer> HZ_FAILURE_SECONDS = ConfigKey.intRange("hazelcast.failure.detection.seconds",
      5, 2, 600, "A member silent this long is dropped; its clients' presence and partitions move on.");
  public static final ConfigKey<Integer> HISTORY_MAX = ConfigKey.intRange("history.max.messages", 1_000, 1, 100_000,
      "Messages of hot history kept per channel (also the largest history request).");
  public static final ConfigKey<Integer> HISTORY_TTL = ConfigKey.intRange("history.ttl.seconds", 600, 1, 7 * 86_400,
      "Hot history older than this is dropped; idle channels disappear after it.");
  public static final ConfigKey<Integer> RECOVERY_MAX = ConfigKey.intRange("recovery.max.messages", 10_000, 1, 1_000_000,
      "Largest gap a resubscribing client gets replayed; larger ones answer recovered=false.");
  public static final ConfigKey<Long> RECOVERY_MARGIN = ConfigKey.longRange("recovery.kafka.seek.margin.ms", 30_000,
      0, 86_400_000, "Kafka replay starts this long before the client's last message timestamp (clock skew).");
  public static final ConfigKey<Long> RECOVERY_SCAN = ConfigKey.longRange("recovery.kafka.max.scan.records", 2_000_000,
      1_000, 1_000_000_000, "Records one Kafka replay scan may read before it gives up (recovered=false).");

  public static final ConfigKey<Long> POOL_HEARTBEAT_MS = ConfigKey.longRange("pool.heartbeat.ms", 1_000, 100, 60_000,
      "How often a frontend refreshes its pool entry (connections, state) and sweeps dead ones.");
  public static final ConfigKey<Long> POOL_TTL_MS = ConfigKey.longRange("pool.member.ttl.ms", 8_000, 300, 600_000,
      "A frontend whose heartbeat stopped this long leaves the pool: discovery drops it, its presence is cleared. "
          + "At least hazelcast.failure.detection.seconds plus one heartbeat (a crashed member stalls the pool's "
          + "map until Hazelcast drops it; a shorter TTL would drop live frontends).");
  public static final ConfigKey<Integer> CAPACITY = ConfigKey.intRange("pool.capacity", 20_000, 1, 10_000_000,
      "Connections this frontend is sized for; discovery ranks by connections / capacity.");
  public static final ConfigKey<Long> DRAIN_TIMEOUT_MS = ConfigKey.longRange("drain.timeout.ms", 10_000, 0, 600_000,
      "On drain (SIGTERM, POST /admin/drain), how long clients get to move before the rest are closed.");
  public static final ConfigKey<Boolean> PRESENCE = ConfigKey.bool("presence.enabled", true,
      "Track who is subscribed to each channel across the pool (presence op, join/leave events).");
  public static final ConfigKey<Integer> MAX_CONN_PER_USER = ConfigKey.intRange("ws.max.connections.per.user", 0, 0,
      1_000_000, "Connections one user (token sub) may hold across the cloud's pool; 0 means no limit.");

  public static final ConfigKey<Long> MEMBERS_ANNOUNCE_MS = ConfigKey.longRange("members.announce.ms", 3_000, 100, 60_000,
      "How often a frontend announces its pool entry on the members topic for other clouds (and at once on a state change).");
  public static final ConfigKey<Long> MEMBERS_TTL_MS = ConfigKey.longRange("members.ttl.ms", 15_000, 300, 3_600_000,
      "A frontend of another cloud not re-announced for this long (on this frontend's clock) leaves discovery. "
          + "More than members.announce.ms plus MirrorMaker 2's replication lag.");
  public static final ConfigKey<Long> MEMBERS_REFRESH_MS = ConfigKey.longRange("members.topics.refresh.ms", 5_000, 100,
      600_000, "How often a frontend lists topics to pick up the mirrored members topic of a newly added cloud.");

  public static final ConfigKey<String> API_KEYS_FILE = ConfigKey.string("api.keys.file", "",
      "File with more API keys, one per line (# comments); re-read when it changes, so keys rotate without a restart.");
  public static final ConfigKey<List<String>> ALLOWED_ORIGINS = ConfigKey.list("ws.allowed.origins", "",
      "Origins allowed to open WebSockets (* globs, e.g. https://*.example.com); empty allows all. Requests without Origin pass.");
  public static final ConfigKey<String> TLS_KEYSTORE = ConfigKey.string("tls.keystore", "",
      "PKCS12 or JKS keystore with the listener's key and certificate: serves https and wss instead of http and ws.");
  public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD = ConfigKey.string("tls.keystore.password", "",
      "Password of tls.keystore (and of its key).");
  public static final ConfigKey<String> TLS_CERT_PEM = ConfigKey.string("tls.cert.pem", "",
      "PEM certificate chain for TLS, with tls.key.pem (instead of a keystore).");
  public static final ConfigKey<String> TLS_KEY_PEM = ConfigKey.string("tls.key.pem", "",
      "PEM private key (PKCS#8, RSA or EC) for tls.cert.pem.");

  public static ConfigDef definition() {
    return new ConfigDef().defineAll(CommonKeys.ALL).defineAll(List.of(REGION, NODE_ID, HTTP_HOST, HTTP_PORT,
        PUBLIC_URL, JWT_SECRET, JWT_SKEW, API_KEYS, MAX_FRAME_BYTES, MAX_SUBSCRIPTIONS, MAX_PUBLISH_BYTES,
        CONNECT_TIMEOUT_MS, QUEUE_FRAMES, QUEUE_BYTES, MAX_MESSAGES_PER_SECOND, MAX_PER_ADDRESS, PING_INTERVAL_MS,
        IDLE_TIMEOUT_MS, IO_THREADS, HZ_ENABLED, HZ_CLUSTER, HZ_HOST, HZ_PORT,
        HZ_DISCOVERY, HZ_MEMBERS, HZ_K8S_DNS, HZ_FAILURE_SECONDS, HISTORY_MAX, HISTORY_TTL, RECOVERY_MAX,
        RECOVERY_MARGIN, RECOVERY_SCAN, POOL_HEARTBEAT_MS, POOL_TTL_MS, CAPACITY, DRAIN_TIMEOUT_MS, PRESENCE,
        MAX_CONN_PER_USER, JWT_SECRET_PREVIOUS, JWKS_FILE, JWKS_URL, JWKS_CACHE_SECONDS, JWKS_REFRESH_MIN_MS, JWT_AUDIENCE, JWT_ISSUER,
        API_KEYS_FILE, ALLOWED_ORIGINS, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CERT_PEM, TLS_KEY_PEM,
        MEMBERS_ANNOUNCE_MS, MEMBERS_TTL_MS, MEMBERS_REFRESH_MS));
  }

  public static FrontendConfig from(Config c) {
    long minTtl = c.get(HZ_FAILURE_SECONDS) * 1000L + c.get(POOL_HEARTBEAT_MS);
    if (c.get(HZ_ENABLED) && c.get(POOL_TTL_MS) < minTtl) {
      throw new ConfigException(POOL_TTL_MS.name(), "must be at least hazelcast.failure.detection.seconds * 1000 + "
          + "pool.heartbeat.ms = " + minTtl + " (got " + c.get(POOL_TTL_MS) + ")");
    }
    if (c.get(MEMBERS_TTL_MS) <= c.get(MEMBERS_ANNOUNCE_MS)) {
      throw new ConfigException(MEMBERS_TTL_MS.name(), "must be more than members.announce.ms ("
          + c.get(MEMBERS_ANNOUNCE_MS) + "), got " + c.get(MEMBERS_TTL_MS));
    }
    if (c.get(IDLE_TIMEOUT_MS) > 0 && c.get(PING_INTERVAL_MS) == 0) {
      throw new ConfigException(IDLE_TIMEOUT_MS.name(), "needs ws.ping.interval.ms > 0: idle connections are found by the "
          + "keep-alive pings (set both to 0 to turn both off)");
    }
    if (c.get(IDLE_TIMEOUT_MS) > 0 && c.get(IDLE_TIMEOUT_MS) <= c.get(PING_INTERVAL_MS)) {
      throw new ConfigException(IDLE_TIMEOUT_MS.name(), "must be more than ws.ping.interval.ms (" + c.get(PING_INTERVAL_MS)
          + "), or a healthy client that only answers pings is closed; got " + c.get(IDLE_TIMEOUT_MS));
    }
    if (c.get(JWT_SECRET).isEmpty() && c.get(JWKS_FILE).isBlank() && c.get(JWKS_URL).isBlank()) {
      throw new ConfigException(JWT_SECRET.name(), "required but not set (or give public keys with jwt.jwks.file or "
          + "jwt.jwks.url); set it in the config file or with " + JWT_SECRET.envName());
    }
    String cloud = c.get(CommonKeys.CLOUD);
    int port = c.get(HTTP_PORT);
    return new FrontendConfig(
        cloud,
        c.get(REGION),
        c.get(NODE_ID).isBlank() ? cloud + "-" + port : c.get(NODE_ID),
        c.get(CommonKeys.KAFKA_BOOTSTRAP),
        KafkaClientSecurity.from(c),
        c.get(CommonKeys.TOPIC_INGRESS),
        c.get(CommonKeys.TOPIC_EVENTS),
        c.get(HTTP_HOST),
        port,
        c.get(PUBLIC_URL),
        c.get(JWT_SECRET),
        c.get(JWT_SKEW),
        c.get(API_KEYS),
        c.get(MAX_FRAME_BYTES),
        c.get(MAX_PER_ADDRESS),
        new SessionLimits(c.get(MAX_SUBSCRIPTIONS), c.get(MAX_PUBLISH_BYTES), c.get(CONNECT_TIMEOUT_MS),
            c.get(QUEUE_FRAMES), c.get(QUEUE_BYTES), c.get(HISTORY_MAX), c.get(MAX_MESSAGES_PER_SECOND),
            c.get(PING_INTERVAL_MS), c.get(IDLE_TIMEOUT_MS)),
        c.get(IO_THREADS),
        new ClusterSettings(c.get(HZ_ENABLED),
            c.get(HZ_CLUSTER).isBlank() ? "syncfabric-" + cloud : c.get(HZ_CLUSTER),
            c.get(HZ_HOST), c.get(HZ_PORT), c.get(HZ_DISCOVERY), c.get(HZ_MEMBERS), c.get(HZ_K8S_DNS),
            c.get(HZ_FAILURE_SECONDS)),
        c.get(HISTORY_MAX),
        c.get(HISTORY_TTL),
        c.get(RECOVERY_MAX),
        c.get(RECOVERY_MARGIN),
        c.get(RECOVERY_SCAN),
        new PoolSettings(c.get(POOL_HEARTBEAT_MS), c.get(POOL_TTL_MS), c.get(CAPACITY), c.get(DRAIN_TIMEOUT_MS),
            c.get(PRESENCE), c.get(MAX_CONN_PER_USER)),
        new TokenSettings(c.get(JWT_SECRET_PREVIOUS), c.get(JWKS_FILE).isBlank() ? null : Path.of(c.get(JWKS_FILE)), c.get(JWKS_URL),
            c.get(JWKS_CACHE_SECONDS) * 1000, c.get(JWKS_REFRESH_MIN_MS), blankToNull(c.get(JWT_AUDIENCE)),
            blankToNull(c.get(JWT_ISSUER))),
        new SecuritySettings(path(c.get(API_KEYS_FILE)), c.get(ALLOWED_ORIGINS), tls(c)),
        new MembershipSettings(c.get(CommonKeys.TOPIC_MEMBERS), c.get(MEMBERS_ANNOUNCE_MS), c.get(MEMBERS_TTL_MS),
            c.get(MEMBERS_REFRESH_MS)));
  }

  private static TlsSettings tls(Config c) {
    boolean keystore = !c.get(TLS_KEYSTORE).isBlank();
    boolean pem = !c.get(TLS_CERT_PEM).isBlank() || !c.get(TLS_KEY_PEM).isBlank();
    if (keystore && pem) {
      throw new ConfigException(TLS_KEYSTORE.name(), "give either tls.keystore or tls.cert.pem with tls.key.pem, not both");
    }
    if (pem && (c.get(TLS_CERT_PEM).isBlank() || c.get(TLS_KEY_PEM).isBlank())) {
      throw new ConfigException(TLS_CERT_PEM.name(), "tls.cert.pem and tls.key.pem go together");
    }
    if (!keystore && !pem) {
      return null;
    }
    return new TlsSettings(path(c.get(TLS_KEYSTORE)), c.get(TLS_KEYSTORE_PASSWORD), path(c.get(TLS_CERT_PEM)),
        path(c.get(TLS_KEY_PEM)));
  }

  private static Path path(String s) {
    return s.isBlank() ? null : Path.of(s);
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }
}

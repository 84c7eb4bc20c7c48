package io.syncfabric.frontend;

import io.syncfabric.config.CommonKeys;
import io.syncfabric.config.Config;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigKey;
import io.syncfabric.frontend.session.SessionLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Validated configuration of one WebSocket frontend. */
public record FrontendConfig(
    String cloud,
    String region,
    String nodeId,
    String kafkaBootstrap,
    String ingressTopic,
    String eventsTopic,
    String httpHost,
    int httpPort,
    String publicUrl,
    String jwtSecret,
    long jwtClockSkewSeconds,
    List<String> apiKeys,
    int maxFrameBytes,
    SessionLimits limits,
    int ioThreads) {

  public static final ConfigKey<String> REGION = ConfigKey.nonBlank("region", "local", "Region label shown in discovery.");
  public static final ConfigKey<String> NODE_ID = ConfigKey.string("node.id", "", "Frontend id; empty means <cloud>-<port>.");
  public static final ConfigKey<String> HTTP_HOST = ConfigKey.nonBlank("http.host", "127.0.0.1",
      "Address to listen on (0.0.0.0 in containers).");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.intRange("http.port", 8080, 0, 65535,
      "HTTP and WebSocket port (0 picks a free one).");
  public static final ConfigKey<String> PUBLIC_URL = ConfigKey.string("public.url", "",
      "WebSocket URL clients use to reach this frontend; empty means ws://<http.host>:<http.port>/v1/ws.");
  public static final ConfigKey<String> JWT_SECRET = new ConfigKey<>("jwt.secret", s -> s, null,
      s -> s.getBytes(StandardCharsets.UTF_8).length >= 32, "at least 32 bytes",
      "HMAC secret that connection tokens are signed with (required).");
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
  public static final ConfigKey<Integer> IO_THREADS = ConfigKey.intRange("http.io.threads", 0, 0, 256,
      "Undertow I/O threads; 0 means one per core.");

  public static ConfigDef definition() {
    return new ConfigDef().defineAll(CommonKeys.ALL).defineAll(List.of(REGION, NODE_ID, HTTP_HOST, HTTP_PORT,
        PUBLIC_URL, JWT_SECRET, JWT_SKEW, API_KEYS, MAX_FRAME_BYTES, MAX_SUBSCRIPTIONS, MAX_PUBLISH_BYTES,
        CONNECT_TIMEOUT_MS, QUEUE_FRAMES, QUEUE_BYTES, IO_THREADS));
  }

  public static FrontendConfig from(Config c) {
    String cloud = c.get(CommonKeys.CLOUD);
    int port = c.get(HTTP_PORT);
    return new FrontendConfig(
        cloud,
        c.get(REGION),
        c.get(NODE_ID).isBlank() ? cloud + "-" + port : c.get(NODE_ID),
        c.get(CommonKeys.KAFKA_BOOTSTRAP),
        c.get(CommonKeys.TOPIC_INGRESS),
        c.get(CommonKeys.TOPIC_EVENTS),
        c.get(HTTP_HOST),
        port,
        c.get(PUBLIC_URL),
        c.get(JWT_SECRET),
        c.get(JWT_SKEW),
        c.get(API_KEYS),
        c.get(MAX_FRAME_BYTES),
        new SessionLimits(c.get(MAX_SUBSCRIPTIONS), c.get(MAX_PUBLISH_BYTES), c.get(CONNECT_TIMEOUT_MS),
            c.get(QUEUE_FRAMES), c.get(QUEUE_BYTES)),
        c.get(IO_THREADS));
  }
}

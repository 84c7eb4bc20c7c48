package io.syncfabric.bridge;

import io.syncfabric.bridge.route.Route;
import io.syncfabric.config.CommonKeys;
import io.syncfabric.config.Config;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigKey;
import io.syncfabric.config.KafkaClientSecurity;
import java.nio.file.Path;
import java.util.List;

/** Validated configuration of one broker-bridge (sequencer) process. */
public record BridgeConfig(
    String cloud,
    String kafkaBootstrap,
    KafkaClientSecurity kafkaSecurity,
    String ingressTopic,
    String eventsTopic,
    String dlqTopic,
    String rekeyTopic,
    int topicPartitions,
    String applicationId,
    Path stateDir,
    int commitIntervalMs,
    int maxPayloadBytes,
    List<Route> routes,
    String httpHost,
    int httpPort) {

  public static final ConfigKey<String> TOPIC_REKEY = ConfigKey.nonBlank(
      "topics.rekey", "fabric.sequencer.rekey",
      "Internal topic that carries records to their channel's sequencing task.");
  public static final ConfigKey<Integer> TOPIC_PARTITIONS = ConfigKey.intRange(
      "topics.partitions", 6, 1, 10_000, "Partitions of topics the bridge creates when they are missing.");
  public static final ConfigKey<String> APPLICATION_ID = ConfigKey.string(
      "sequencer.application.id", "",
      "Kafka Streams application id; empty means fabric-sequencer-<cloud>.");
  public static final ConfigKey<String> STATE_DIR = ConfigKey.nonBlank(
      "sequencer.state.dir", System.getProperty("java.io.tmpdir") + "/syncfabric-sequencer",
      "Local directory for the counter store (rebuilt from its changelog if lost).");
  public static final ConfigKey<Integer> COMMIT_INTERVAL_MS = ConfigKey.intRange(
      "sequencer.commit.interval.ms", 20, 1, 60_000,
      "Exactly-once transaction commit interval: the sequencer's added latency is up to this much.");
  public static final ConfigKey<Integer> MAX_PAYLOAD_BYTES = ConfigKey.intRange(
      "sequencer.max.payload.bytes", 512 * 1024, 1, 900_000,
      "Larger payloads are dead-lettered with reason payload-too-large.");
  public static final ConfigKey<List<Route>> ROUTES = new ConfigKey<>(
      "routes", BridgeConfig::parseRoutes, "", v -> true,
      "a comma-separated list of topic|source[|prefix] with source key, header:<name> or json:<path>",
      "Existing topics mapped to channels, e.g. shop.orders|json:customer.id|orders:");

  public static final ConfigKey<String> HTTP_HOST = ConfigKey.nonBlank("http.host", "127.0.0.1",
      "Address of the bridge's /metrics and /health endpoints.");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.intRange("http.port", 9400, 0, 65535,
      "Port of the bridge's /metrics and /health endpoints (0 picks a free one).");

  public static ConfigDef definition() {
    return new ConfigDef().defineAll(CommonKeys.ALL).defineAll(List.of(
        TOPIC_REKEY, TOPIC_PARTITIONS, APPLICATION_ID, STATE_DIR, COMMIT_INTERVAL_MS, MAX_PAYLOAD_BYTES, ROUTES,
        HTTP_HOST, HTTP_PORT));
  }

  public static BridgeConfig from(Config c) {
    String cloud = c.get(CommonKeys.CLOUD);
    String appId = c.get(APPLICATION_ID).isBlank() ? "fabric-sequencer-" + cloud : c.get(APPLICATION_ID);
    return new BridgeConfig(
        cloud,
        c.get(CommonKeys.KAFKA_BOOTSTRAP),
        KafkaClientSecurity.from(c),
        c.get(CommonKeys.TOPIC_INGRESS),
        c.get(CommonKeys.TOPIC_EVENTS),
        c.get(CommonKeys.TOPIC_DLQ),
        c.get(TOPIC_REKEY),
        c.get(TOPIC_PARTITIONS),
        appId,
        Path.of(c.get(STATE_DIR)),
        c.get(COMMIT_INTERVAL_MS),
        c.get(MAX_PAYLOAD_BYTES),
        c.get(ROUTES),
        c.get(HTTP_HOST),
        c.get(HTTP_PORT));
  }

  /** Parses the comma-separated routes; a bad one fails config validation, naming the key. */
  private static List<Route> parseRoutes(String text) {
    return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(r -> !r.isEmpty()).map(Route::parse).toList();
  }
}

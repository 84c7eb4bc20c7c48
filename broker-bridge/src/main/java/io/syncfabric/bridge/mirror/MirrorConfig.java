package io.syncfabric.bridge.mirror;

import io.syncfabric.config.CommonKeys;
import io.syncfabric.config.Config;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigException;
import io.syncfabric.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validated configuration of one {@code ./fabric mirror} process: which clouds' Kafka clusters it
 * connects, which topics flow between them (every ordered pair of clouds, both ways) and the few
 * MirrorMaker 2 settings that matter for latency and egress. {@link MirrorMakerProperties} turns it
 * into MirrorMaker 2's own properties.
 */
public record MirrorConfig(
    String cloud,
    List<MirrorCluster> clusters,
    List<String> topics,
    String compression,
    int refreshIntervalSeconds,
    int heartbeatIntervalSeconds,
    int checkpointIntervalSeconds,
    int lingerMs,
    int replicationFactor,
    int stallSeconds,
    String httpHost,
    int httpPort,
    List<String> targets,
    MirrorClusterSettings clusterSettings) {

  public static final ConfigKey<List<MirrorCluster>> CLUSTERS = new ConfigKey<>(
      "mirror.clusters", MirrorCluster::parseAll, null, v -> v.size() >= 2,
      "at least two clouds as name=host:port[,host:port],name=host:port (cloud names: a-z, 0-9, '-')",
      "Every cloud's Kafka cluster, e.g. a=10.0.0.1:9092,b=10.1.0.1:9092; each ordered pair is a flow.");
  public static final ConfigKey<List<String>> TOPICS = new ConfigKey<>(
      "mirror.topics", MirrorConfig::parseRegexes, "fabric\\.events,fabric\\.members", v -> !v.isEmpty(),
      "a comma-separated list of Java regular expressions",
      "Topics replicated between every pair of clouds (regexes); must cover topics.events.");
  public static final ConfigKey<String> COMPRESSION = ConfigKey.oneOf(
      "mirror.compression", "zstd", List.of("none", "gzip", "snappy", "lz4", "zstd"),
      "Compression of the batches MirrorMaker 2 writes to the target cloud.");
  public static final ConfigKey<Integer> REFRESH_INTERVAL_SECONDS = ConfigKey.intRange(
      "mirror.refresh.interval.seconds", 2, 1, 3600,
      "How often new topics and groups are looked for: a topic created on one cloud mirrors this soon.");
  public static final ConfigKey<Integer> HEARTBEAT_INTERVAL_SECONDS = ConfigKey.intRange(
      "mirror.heartbeat.interval.seconds", 1, 1, 3600,
      "MirrorMaker 2 heartbeat interval; health and the per-flow liveness metric follow heartbeats.");
  public static final ConfigKey<Integer> CHECKPOINT_INTERVAL_SECONDS = ConfigKey.intRange(
      "mirror.checkpoint.interval.seconds", 5, 1, 3600,
      "How often consumer group offsets are checkpointed (translated) to the other clouds.");
  public static final ConfigKey<Integer> LINGER_MS = ConfigKey.intRange(
      "mirror.linger.ms", 5, 0, 1000,
      "How long the producer to the target waits to fill a batch: latency against bytes per message.");
  public static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.intRange(
      "mirror.replication.factor", 3, 1, 10,
      "Replication factor of mirrored topics and MirrorMaker 2's internal topics (1 only for labs).");
  public static final ConfigKey<Integer> STALL_SECONDS = ConfigKey.intRange(
      "mirror.stall.seconds", 15, 2, 3600,
      "A flow whose heartbeats stop arriving for this long is reported down (/health/ready 503).");
  public static final ConfigKey<List<String>> TARGETS = ConfigKey.list("mirror.targets", "",
      "Clouds whose incoming flows this process runs (MirrorMaker 2's --clusters); empty: every flow. "
      + "With one mirror per cloud, each runs only the flows into its own cloud: it reads remote and writes local.");
  public static final ConfigKey<String> HTTP_HOST = ConfigKey.nonBlank("http.host", "127.0.0.1",
      "Address of the mirror's /metrics and /health endpoints.");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.intRange("http.port", 9390, 0, 65535,
      "Port of the mirror's /metrics and /health endpoints (0 picks a free one).");

  public static final ConfigKey<String> CLUSTERS_CONFIG = ConfigKey.string("mirror.clusters.config", "",
      "Properties file of per-cluster client settings (<cloud>.security.protocol, <cloud>.sasl.mechanism, "
          + "<cloud>.sasl.jaas.config) merged into MirrorMaker 2's config; its values are secrets.");

  public MirrorConfig {
    clusters = List.copyOf(clusters);
    topics = List.copyOf(topics);
    targets = List.copyOf(targets);
  }

  public static ConfigDef definition() {
    return new ConfigDef().define(CommonKeys.CLOUD).define(CommonKeys.TOPIC_EVENTS).defineAll(List.of(
        CLUSTERS, TOPICS, COMPRESSION, REFRESH_INTERVAL_SECONDS, HEARTBEAT_INTERVAL_SECONDS,
        CHECKPOINT_INTERVAL_SECONDS, LINGER_MS, REPLICATION_FACTOR, STALL_SECONDS, HTTP_HOST, HTTP_PORT, TARGETS,
        CLUSTERS_CONFIG));
  }

  /** Builds the record; also checks what no single key can: the topics cover the events topic. */
  public static MirrorConfig from(Config c) {
    List<String> topics = c.get(TOPICS);
    String events = c.get(CommonKeys.TOPIC_EVENTS);
    if (topics.stream().noneMatch(t -> Pattern.matches(t, events))) {
      throw new ConfigException(TOPICS.name(), "no pattern matches the events topic '" + events
          + "' (topics.events): other clouds would receive no messages");
    }
    List<MirrorCluster> clusters = c.get(CLUSTERS);
    List<String> targets = c.get(TARGETS);
    for (String target : targets) {
      if (clusters.stream().noneMatch(k -> k.name().equals(target))) {
        throw new ConfigException(TARGETS.name(), "'" + target + "' is not a cloud of mirror.clusters");
      }
    }
    return new MirrorConfig(c.get(CommonKeys.CLOUD), clusters, topics, c.get(COMPRESSION),
        c.get(REFRESH_INTERVAL_SECONDS), c.get(HEARTBEAT_INTERVAL_SECONDS), c.get(CHECKPOINT_INTERVAL_SECONDS),
        c.get(LINGER_MS), c.get(REPLICATION_FACTOR), c.get(STALL_SECONDS), c.get(HTTP_HOST), c.get(HTTP_PORT), targets,
        c.get(CLUSTERS_CONFIG).isBlank() ? MirrorClusterSettings.NONE : MirrorClusterSettings.read(CLUSTERS_CONFIG.name(),
            java.nio.file.Path.of(c.get(CLUSTERS_CONFIG).trim()), clusters.stream().map(MirrorCluster::name).toList()));
  }

  /** The flows this process runs: those into {@link #targets}, or every flow when none are named. */
  public List<MirrorFlow> runFlows() {
    return flows().stream().filter(f -> targets.isEmpty() || targets.contains(f.target())).toList();
  }

  /** Every ordered pair of clouds: a→b and b→a for two, six flows for three. */
  public List<MirrorFlow> flows() {
    List<MirrorFlow> flows = new ArrayList<>();
    for (MirrorCluster source : clusters) {
      for (MirrorCluster target : clusters) {
        if (!source.name().equals(target.name())) {
          flows.add(new MirrorFlow(source.name(), target.name()));
        }
      }
    }
    return flows;
  }

  public List<String> cloudNames() {
    return clusters.stream().map(MirrorCluster::name).toList();
  }

  private static List<String> parseRegexes(String text) {
    List<String> regexes = java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String r : regexes) {
      try {
        Pattern.compile(r);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(r, e);
      }
    }
    return regexes;
  }
}

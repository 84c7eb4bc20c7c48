package io.syncfabric.config;

import java.util.List;

/** Keys every fabric process shares: which cloud it belongs to, its Kafka cluster and topic names. */
public final class CommonKeys {
  public static final ConfigKey<String> CLOUD = new ConfigKey<>(
      "cloud", String::trim, "a", s -> s.matches("[a-z0-9][a-z0-9-]{0,30}"),
      "1-31 characters of a-z, 0-9 and '-', starting with a letter or digit",
      "Id of the cloud (site) this process runs in; mirrored topics are prefixed with it.");
  public static final ConfigKey<String> KAFKA_BOOTSTRAP = ConfigKey.nonBlank(
      "kafka.bootstrap", "127.0.0.1:19092", "Bootstrap servers of this cloud's Kafka cluster.");
  public static final ConfigKey<String> TOPIC_INGRESS = ConfigKey.nonBlank(
      "topics.ingress", "fabric.ingress", "Topic backends publish plain records to (key = channel).");
  public static final ConfigKey<String> TOPIC_EVENTS = ConfigKey.nonBlank(
      "topics.events", "fabric.events", "Topic of sequenced envelopes that frontends read.");
  public static final ConfigKey<String> TOPIC_DLQ = ConfigKey.nonBlank(
      "topics.dlq", "fabric.dlq", "Dead-letter topic for records the sequencer cannot accept.");

  public static final ConfigKey<String> TOPIC_MEMBERS = ConfigKey.nonBlank(
      "topics.members", "fabric.members",
      "Compacted topic where frontends announce themselves (key = node id); mirrored to other clouds as <cloud>.<name>.");

  public static final List<ConfigKey<?>> ALL =
      List.of(CLOUD, KAFKA_BOOTSTRAP, TOPIC_INGRESS, TOPIC_EVENTS, TOPIC_DLQ, TOPIC_MEMBERS);

  private CommonKeys() {}
}

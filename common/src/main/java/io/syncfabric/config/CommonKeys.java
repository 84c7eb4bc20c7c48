package io.syncfabric.config;

import java.util.List;

/**
 * Keys every fabric process shares: which cloud it belongs to, its Kafka cluster, how its clients
 * authenticate to it, and topic names.
 */
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

  /** Protocols the fabric's Kafka clients may use (Kafka's {@code security.protocol}). */
  public static final List<String> KAFKA_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  /**
   * SASL mechanisms that need nothing but a JAAS line. AWS_MSK_IAM (needs AWS's own library),
   * OAUTHBEARER (needs a token endpoint and callback handler) and GSSAPI (Kerberos) are not supported.
   */
  public static final List<String> KAFKA_SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public static final ConfigKey<String> KAFKA_SECURITY_PROTOCOL = new ConfigKey<>(
      "kafka.security.protocol", s -> s.trim().toUpperCase(java.util.Locale.ROOT), "PLAINTEXT",
      KAFKA_PROTOCOLS::contains, "one of " + String.join(", ", KAFKA_PROTOCOLS),
      "security.protocol of every Kafka client of this process: SSL for Amazon MSK, SASL_SSL for Google's Managed Kafka.");
  public static final ConfigKey<String> KAFKA_SASL_MECHANISM = new ConfigKey<>(
      "kafka.sasl.mechanism", s -> s.trim().toUpperCase(java.util.Locale.ROOT), "",
      s -> s.isEmpty() || KAFKA_SASL_MECHANISMS.contains(s),
      "empty or one of " + String.join(", ", KAFKA_SASL_MECHANISMS) + " (AWS_MSK_IAM, OAUTHBEARER and GSSAPI are not supported)",
      "SASL mechanism with kafka.security.protocol SASL_PLAINTEXT or SASL_SSL (PLAIN on Google's Managed Kafka).");
  /** A secret: its value is never logged nor shown in an error message. */
  public static final ConfigKey<String> KAFKA_SASL_JAAS_CONFIG = new ConfigKey<>(
      "kafka.sasl.jaas.config", String::trim, "", s -> true, "a JAAS login line",
      "sasl.jaas.config of the Kafka clients (a secret), e.g. org.apache.kafka.common.security.plain.PlainLoginModule required username=\"...\" password=\"...\";");
  public static final ConfigKey<String> KAFKA_SSL_TRUSTSTORE_LOCATION = ConfigKey.string(
      "kafka.ssl.truststore.location", "",
      "JKS or PKCS12 trust store for a Kafka with a private CA; empty uses the JVM's (enough for MSK and Managed Kafka).");
  /** A secret: its value is never logged nor shown in an error message. */
  public static final ConfigKey<String> KAFKA_SSL_TRUSTSTORE_PASSWORD = ConfigKey.string(
      "kafka.ssl.truststore.password", "", "Password of kafka.ssl.truststore.location, if it has one.");

  /** The keys {@link KafkaClientSecurity#from} reads. */
  public static final List<ConfigKey<?>> KAFKA_SECURITY = List.of(KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,
      KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_TRUSTSTORE_LOCATION, KAFKA_SSL_TRUSTSTORE_PASSWORD);

  public static final List<ConfigKey<?>> ALL = List.of(CLOUD, KAFKA_BOOTSTRAP, TOPIC_INGRESS, TOPIC_EVENTS, TOPIC_DLQ,
      TOPIC_MEMBERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_TRUSTSTORE_LOCATION,
      KAFKA_SSL_TRUSTSTORE_PASSWORD);

  private CommonKeys() {}
}

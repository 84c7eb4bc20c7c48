package io.syncfabric.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How this process's Kafka clients reach their cluster: TLS, SASL, both or neither. Built once from
 * the {@code kafka.security.*}, {@code kafka.sasl.*} and {@code kafka.ssl.*} keys of
 * {@link CommonKeys}; every consumer, producer, admin client and Kafka Streams instance the fabric
 * builds passes its settings through {@link #applyTo}.
 *
 * <p>The JAAS line and the trust store password are secrets: {@link #toString} hides them, and no
 * error message here quotes them.
 *
 * @param protocol Kafka's {@code security.protocol}, one of {@link CommonKeys#KAFKA_PROTOCOLS}
 * @param saslMechanism {@code sasl.mechanism}, empty unless the protocol is SASL_*
 * @param saslJaasConfig {@code sasl.jaas.config}, empty unless the protocol is SASL_*
 * @param truststoreLocation {@code ssl.truststore.location}, empty for the JVM's trust store
 * @param truststorePassword {@code ssl.truststore.password}, may be empty
 */
public record KafkaClientSecurity(
    String protocol,
    String saslMechanism,
    String saslJaasConfig,
    String truststoreLocation,
    String truststorePassword) {

  /** Plain text, no authentication: the default, and what the local lab uses. */
  public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity("PLAINTEXT", "", "", "", "");

  /**
   * Reads and cross-checks the security keys.
   *
   * @throws ConfigException naming the key at fault when the keys do not fit together
   */
  public static KafkaClientSecurity from(Config c) {
    KafkaClientSecurity s = new KafkaClientSecurity(c.get(CommonKeys.KAFKA_SECURITY_PROTOCOL),
        c.get(CommonKeys.KAFKA_SASL_MECHANISM), c.get(CommonKeys.KAFKA_SASL_JAAS_CONFIG),
        c.get(CommonKeys.KAFKA_SSL_TRUSTSTORE_LOCATION), c.get(CommonKeys.KAFKA_SSL_TRUSTSTORE_PASSWORD));
    s.validate();
    return s;
  }

  private void validate() {
    String protocolKey = CommonKeys.KAFKA_SECURITY_PROTOCOL.name();
    if (sasl()) {
      if (saslMechanism.isEmpty()) {
        throw new ConfigException(CommonKeys.KAFKA_SASL_MECHANISM.name(), "required with " + protocolKey + " "
            + protocol + " (one of " + String.join(", ", CommonKeys.KAFKA_SASL_MECHANISMS) + ")");
      }
      if (saslJaasConfig.isEmpty()) {
        throw new ConfigException(CommonKeys.KAFKA_SASL_JAAS_CONFIG.name(), "required with " + protocolKey + " "
            + protocol + " (set it with " + CommonKeys.KAFKA_SASL_JAAS_CONFIG.envName() + ", e.g. from a secret)");
      }
      if (!saslJaasConfig.endsWith(";")) {
        // Kafka would fail later with a less helpful message; the value itself is never shown
        throw new ConfigException(CommonKeys.KAFKA_SASL_JAAS_CONFIG.name(),
            "must end with ';' like every JAAS login line (value not shown: it is a secret)");
      }
    } else {
      if (!saslMechanism.isEmpty()) {
        throw new ConfigException(CommonKeys.KAFKA_SASL_MECHANISM.name(), "only used with " + protocolKey
            + " SASL_PLAINTEXT or SASL_SSL, but it is " + protocol);
      }
      if (!saslJaasConfig.isEmpty()) {
        throw new ConfigException(CommonKeys.KAFKA_SASL_JAAS_CONFIG.name(), "only used with " + protocolKey
            + " SASL_PLAINTEXT or SASL_SSL, but it is " + protocol);
      }
    }
    if (!truststoreLocation.isBlank() && !tls()) {
      throw new ConfigException(CommonKeys.KAFKA_SSL_TRUSTSTORE_LOCATION.name(), "only used with " + protocolKey
          + " SSL or SASL_SSL, but it is " + protocol);
    }
    if (!truststorePassword.isEmpty() && truststoreLocation.isBlank()) {
      throw new ConfigException(CommonKeys.KAFKA_SSL_TRUSTSTORE_PASSWORD.name(),
          "set without " + CommonKeys.KAFKA_SSL_TRUSTSTORE_LOCATION.name());
    }
  }

  public boolean sasl() {
    return protocol.startsWith("SASL_");
  }

  public boolean tls() {
    return protocol.endsWith("SSL");
  }

  /** Kafka client settings of this security setup (only {@code security.protocol} for plain text). */
  public Map<String, Object> clientProps() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("security.protocol", protocol);
    if (sasl()) {
      p.put("sasl.mechanism", saslMechanism);
      p.put("sasl.jaas.config", saslJaasConfig);
    }
    if (!truststoreLocation.isBlank()) {
      p.put("ssl.truststore.location", truststoreLocation);
      if (!truststorePassword.isEmpty()) {
        p.put("ssl.truststore.password", truststorePassword);
      }
    }
    return p;
  }

  /**
   * A copy of one client's settings with the security settings added; for consumers, producers,
   * admin clients and Kafka Streams alike (the names are the same for all of them).
   *
   * @throws IllegalArgumentException when {@code clientConfig} already sets one of them differently
   */
  public Map<String, Object> applyTo(Map<String, ?> clientConfig) {
    Map<String, Object> out = new LinkedHashMap<>(clientConfig);
    clientProps().forEach((k, v) -> {
      Object before = out.put(k, v);
      if (before != null && !before.equals(v)) {
        throw new IllegalArgumentException("client config already sets " + k);
      }
    });
    return out;
  }

  /** Shows the protocol and mechanism; the JAAS line and trust store password are never printed. */
  @Override
  public String toString() {
    return "KafkaClientSecurity[protocol=" + protocol + ", saslMechanism=" + saslMechanism
        + ", saslJaasConfig=" + (saslJaasConfig.isEmpty() ? "" : "[hidden]")
        + ", truststoreLocation=" + truststoreLocation
        + ", truststorePassword=" + (truststorePassword.isEmpty() ? "" : "[hidden]") + "]";
  }
}

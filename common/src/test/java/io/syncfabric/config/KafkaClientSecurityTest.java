package io.syncfabric.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cret\";";

  private static KafkaClientSecurity load(Map<String, String> env) {
    return KafkaClientSecurity.from(new ConfigDef().defineAll(CommonKeys.ALL).load(null, env, Map.of()));
  }

  @Test
  void defaultsToPlainTextWithNothingElse() {
    KafkaClientSecurity s = load(Map.of());

    assertThat(s).isEqualTo(KafkaClientSecurity.PLAINTEXT);
    assertThat(s.clientProps()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void saslSslFromTheEnvironmentTheWayTerraformSetsItForManagedKafka() {
    KafkaClientSecurity s = load(Map.of(
        "FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "FABRIC_KAFKA_SASL_MECHANISM", "PLAIN",
        "FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS));

    assertThat(s.clientProps()).containsOnly(
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.mechanism", "PLAIN"),
        Map.entry("sasl.jaas.config", JAAS));
  }

  @Test
  void sslAloneTheWayTerraformSetsItForMsk() {
    KafkaClientSecurity s = load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "ssl"));

    assertThat(s.clientProps()).containsOnly(Map.entry("security.protocol", "SSL"));
  }

  @Test
  void aTrustStoreIsPassedOnWithItsPassword() {
    KafkaClientSecurity s = load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SSL",
        "FABRIC_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12", "FABRIC_KAFKA_SSL_TRUSTSTORE_PASSWORD", "pw"));

    assertThat(s.clientProps()).containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
        .containsEntry("ssl.truststore.password", "pw");
  }

  @Test
  void rejectsAnUnknownProtocolNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "TLS")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.security.protocol: 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
  }

  @Test
  void rejectsMskIamSayingItIsNotSupported() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "FABRIC_KAFKA_SASL_MECHANISM", "AWS_MSK_IAM", "FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.sasl.mechanism:")
        .hasMessageContaining("AWS_MSK_IAM, OAUTHBEARER and GSSAPI are not supported");
  }

  @Test
  void saslNeedsAMechanism() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("kafka.sasl.mechanism"));
  }

  @Test
  void saslNeedsAJaasLine() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
        "FABRIC_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FABRIC_KAFKA_SASL_JAAS_CONFIG")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("kafka.sasl.jaas.config"));
  }

  @Test
  void aMalformedJaasLineIsRejectedWithoutShowingIt() {
    String unterminated = JAAS.substring(0, JAAS.length() - 1);
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "FABRIC_KAFKA_SASL_MECHANISM", "PLAIN", "FABRIC_KAFKA_SASL_JAAS_CONFIG", unterminated)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.sasl.jaas.config:")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void saslSettingsWithoutSaslAreAMistake() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SSL", "FABRIC_KAFKA_SASL_MECHANISM", "PLAIN")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.sasl.mechanism: only used with kafka.security.protocol SASL_PLAINTEXT or SASL_SSL");
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.sasl.jaas.config: only used with")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aTrustStoreWithoutTlsIsAMistake() {
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SSL_TRUSTSTORE_LOCATION", "/ca.p12")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.ssl.truststore.location: only used with kafka.security.protocol SSL or SASL_SSL");
    assertThatThrownBy(() -> load(Map.of("FABRIC_KAFKA_SECURITY_PROTOCOL", "SSL", "FABRIC_KAFKA_SSL_TRUSTSTORE_PASSWORD", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.ssl.truststore.password:");
  }

  @Test
  void toStringHidesTheSecrets() {
    KafkaClientSecurity s = new KafkaClientSecurity("SASL_SSL", "PLAIN", JAAS, "/ca.p12", "pw");

    assertThat(s.toString()).contains("SASL_SSL", "PLAIN", "[hidden]").doesNotContain("s3cret", "pw");
  }

  @Test
  void applyToAddsTheSettingsToACopyOfAClientConfig() {
    KafkaClientSecurity s = new KafkaClientSecurity("SASL_SSL", "PLAIN", JAAS, "", "");
    Map<String, Object> client = new HashMap<>(Map.of("bootstrap.servers", "k:9092", "acks", "all"));

    Map<String, Object> applied = s.applyTo(client);

    assertThat(applied).containsEntry("bootstrap.servers", "k:9092").containsEntry("acks", "all")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("sasl.jaas.config", JAAS);
    assertThat(client).doesNotContainKey("security.protocol");
  }

  @Test
  void applyToRefusesAClientConfigThatSetsAnotherProtocol() {
    assertThatThrownBy(() -> KafkaClientSecurity.PLAINTEXT.applyTo(Map.of("security.protocol", "SSL")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.protocol");
  }
}

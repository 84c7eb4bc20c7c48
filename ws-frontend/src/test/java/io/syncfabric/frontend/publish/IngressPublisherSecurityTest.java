package io.syncfabric.frontend.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.FrontendConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** A frontend configured for SASL_SSL hands its clients SASL_SSL settings Kafka accepts; nothing connects. */
class IngressPublisherSecurityTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";

  private final FrontendConfig config = FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(
      "FABRIC_JWT_SECRET", "0123456789abcdef0123456789abcdef",
      "FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
      "FABRIC_KAFKA_SASL_MECHANISM", "PLAIN",
      "FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS), Map.of()));

  @Test
  void clientSettingsCarrySaslSsl() {
    ConsumerConfig consumer = new ConsumerConfig(config.kafkaSecurity().applyTo(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArrayDeserializer")));

    assertThat(consumer.getString("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(consumer.getString("sasl.mechanism")).isEqualTo("PLAIN");
    assertThat(consumer.getPassword("sasl.jaas.config").value()).isEqualTo(JAAS);
  }

  @Test
  void aPublisherBuildsWithSaslSslWithoutConnecting() {
    // KafkaProducer's constructor builds the SASL login and TLS context: bad settings fail here
    new IngressPublisher("127.0.0.1:1", config.kafkaSecurity(), "fabric.ingress").close();
  }
}

package io.syncfabric.bridge.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.BridgeConfig;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The sequencer's clients carry kafka.security.* / kafka.sasl.*; nothing here connects to Kafka. */
class SequencerKafkaSecurityTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";

  private final Sequencer sequencer = new Sequencer(BridgeConfig.from(BridgeConfig.definition().load(null, Map.of(
      "FABRIC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
      "FABRIC_KAFKA_SASL_MECHANISM", "PLAIN",
      "FABRIC_KAFKA_SASL_JAAS_CONFIG", JAAS), Map.of())), new SimpleMeterRegistry());

  @Test
  void everyClientKafkaStreamsBuildsUsesSaslSsl() {
    StreamsConfig streams = new StreamsConfig(sequencer.streamsProperties());

    for (Map<String, Object> client : java.util.List.of(
        streams.getMainConsumerConfigs("g", "c", 0), streams.getRestoreConsumerConfigs("c"),
        streams.getProducerConfigs("c"), streams.getAdminConfigs("c"))) {
      assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
      assertThat(client.get("sasl.jaas.config")).isIn(JAAS, new Password(JAAS));
    }
  }

  @Test
  void theTopicProvisioningAdminClientUsesSaslSsl() {
    AdminClientConfig admin = new AdminClientConfig(sequencer.adminProperties());

    assertThat(admin.getString("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(admin.getString("sasl.mechanism")).isEqualTo("PLAIN");
    assertThat(admin.getPassword("sasl.jaas.config").value()).isEqualTo(JAAS);
  }
}

package io.syncfabric.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.bridge.route.ChannelSource;
import io.syncfabric.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {
  private static BridgeConfig load(Map<String, String> values) {
    return BridgeConfig.from(BridgeConfig.definition().load(null, Map.of(), values));
  }

  @Test
  void routesAreParsedOnceIntoTypedRoutes() {
    BridgeConfig c = load(Map.of("routes", "shop.orders|json:customer.id|orders:, audit|header:ch"));
    assertThat(c.routes()).hasSize(2);
    assertThat(c.routes().get(0).topic()).isEqualTo("shop.orders");
    assertThat(c.routes().get(0).prefix()).isEqualTo("orders:");
    assertThat(c.routes().get(1).source()).isInstanceOf(ChannelSource.FromHeader.class);
  }

  @Test
  void aBadRouteFailsValidationNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("routes", "shop.orders|somewhere")))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("routes");
  }

  @Test
  void theApplicationIdDefaultsToOnePerCloud() {
    assertThat(load(Map.of("cloud", "b")).applicationId()).isEqualTo("fabric-sequencer-b");
    assertThat(load(Map.of()).routes()).isEmpty();
  }

  @Test
  void kafkaSecurityIsValidatedAtStartNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "PLAIN")))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("kafka.sasl.jaas.config");
    assertThat(load(Map.of("kafka.security.protocol", "SSL")).kafkaSecurity().protocol()).isEqualTo("SSL");
  }
}

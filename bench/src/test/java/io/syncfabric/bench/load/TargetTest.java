package io.syncfabric.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void loopbackWebSocketUrlsOnly() {
    Target t = Target.of("ws://127.0.0.1:8081/v1/ws");
    assertThat(t.path()).isEqualTo("/v1/ws");
    assertThat(t.metricsUrl().toString()).isEqualTo("http://127.0.0.1:8081/metrics");

    assertThatThrownBy(() -> Target.of("ws://10.0.0.5:8080/v1/ws")).hasMessageContaining("loopback");
    assertThatThrownBy(() -> Target.of("wss://127.0.0.1:8080/v1/ws")).hasMessageContaining("ws://");
    assertThatThrownBy(() -> Target.of("ws://127.0.0.1/v1/ws")).hasMessageContaining("port");
  }
}

package io.syncfabric.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
  private static BenchConfig config(int connections, int channels, int subscriptions, int rate, int duration) {
    return new BenchConfig(List.of("ws://127.0.0.1:8080/v1/ws"), "127.0.0.1:19092", "fabric.ingress", null, connections,
        channels, subscriptions, rate, duration, 0, 0, 100, 1, 0, "secret", false, 30, 5, null, null);
  }

  @Test
  void boundsNameTheFlag() {
    assertThat(config(10, 2, 1, 100, 5).maxSeconds()).isEqualTo(30 + 10 + 5);
    assertThatThrownBy(() -> config(0, 2, 1, 100, 5)).hasMessageContaining("--connections");
    assertThatThrownBy(() -> config(300_000, 2, 1, 100, 5)).hasMessageContaining("--connections");
    assertThatThrownBy(() -> config(10, 2, 3, 100, 5)).hasMessageContaining("--subscriptions");
    assertThatThrownBy(() -> config(10, 2, 1, 100, 0)).hasMessageContaining("--duration");
    assertThatThrownBy(() -> config(10, 2, 1, -1, 5)).hasMessageContaining("--rate");
  }

  @Test
  void publishesToLoopbackOnly() {
    BenchRun.checkLoopback("127.0.0.1:19092,localhost:19093");
    assertThatThrownBy(() -> BenchRun.checkLoopback("127.0.0.1:19092,192.168.1.4:9092")).hasMessageContaining("loopback");
  }

  @Test
  void refusesMoreConnectionsThanThisProcessHasFiles() {
    BenchRun.checkOpenFiles(19_000, 20_000);
    assertThatThrownBy(() -> BenchRun.checkOpenFiles(19_800, 20_000)).hasMessageContaining("several");
  }
}

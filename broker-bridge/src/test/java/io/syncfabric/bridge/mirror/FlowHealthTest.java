package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowHealthTest {
  private final MirrorFlow ab = new MirrorFlow("a", "b");
  private final MirrorFlow ba = new MirrorFlow("b", "a");
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  private final FlowHealth health = new FlowHealth(List.of(ab, ba), Duration.ofSeconds(10), clock);

  @Test
  void aFlowIsStartingUntilItsFirstHeartbeat() {
    health.observe(ab, 0);

    assertThat(health.status(ab).state()).isEqualTo(FlowHealth.State.STARTING);
    assertThat(health.allUp()).isFalse();
  }

  @Test
  void everyFlowWithFreshHeartbeatsIsUp() {
    health.observe(ab, 1);
    health.observe(ba, 3);
    now = now.plusSeconds(10);

    assertThat(health.allUp()).isTrue();
    assertThat(health.status(ba).sinceHeartbeat()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aFlowWhoseHeartbeatCountStopsGrowingGoesDownAfterTheStallTime() {
    health.observe(ab, 5);
    health.observe(ba, 5);
    now = now.plusSeconds(6);
    health.observe(ab, 5); // same count: no progress
    health.observe(ba, 6);
    now = now.plusSeconds(5);

    assertThat(health.status(ab).state()).isEqualTo(FlowHealth.State.DOWN);
    assertThat(health.status(ba).state()).isEqualTo(FlowHealth.State.UP);
    assertThat(health.allUp()).isFalse();

    health.observe(ab, 7);
    assertThat(health.status(ab).state()).isEqualTo(FlowHealth.State.UP);
  }

  @Test
  void aRestartedTaskCountingAgainFromZeroIsProgress() {
    health.observe(ab, 40);
    now = now.plusSeconds(20);
    health.observe(ab, 0); // the task was stopped with its cloud: its metrics are gone
    assertThat(health.status(ab).state()).isEqualTo(FlowHealth.State.DOWN);

    health.observe(ab, 1);
    health.observe(ba, 1);

    assertThat(health.status(ab).state()).isEqualTo(FlowHealth.State.UP);
    assertThat(health.allUp()).isTrue();
  }

  @Test
  void flowsItDoesNotKnowAreIgnored() {
    health.observe(new MirrorFlow("a", "c"), 9);

    assertThat(health.all()).extracting(FlowHealth.Status::flow).containsExactly(ab, ba);
  }
}

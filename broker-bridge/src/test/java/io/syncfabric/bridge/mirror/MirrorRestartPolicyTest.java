package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorRestartPolicyTest {
  private final MirrorFlow ab = new MirrorFlow("a", "b");
  private final MirrorFlow ba = new MirrorFlow("b", "a");
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final MirrorRestartPolicy policy = new MirrorRestartPolicy(Duration.ofSeconds(30), new Clock() {
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
  });

  private List<FlowHealth.Status> abDownFor(long seconds) {
    return List.of(new FlowHealth.Status(ab, FlowHealth.State.DOWN, Duration.ofSeconds(seconds)),
        new FlowHealth.Status(ba, FlowHealth.State.UP, Duration.ZERO));
  }

  @Test
  void aFlowMustBeDownForTheWholeBackoffNotJustSinceStart() {
    now = now.plusSeconds(40);
    assertThat(policy.restartNow(abDownFor(20))).as("down 20 s of 30").isFalse();
    assertThat(policy.restartNow(abDownFor(30))).isTrue();
  }

  @Test
  void eachRestartDoublesTheWaitUpToFiveMinutesAndAllUpResetsIt() {
    now = now.plusSeconds(30);
    assertThat(policy.restartNow(abDownFor(30))).isTrue();
    now = now.plusSeconds(59);
    assertThat(policy.restartNow(abDownFor(89))).as("59 s after a restart, 60 s backoff").isFalse();
    now = now.plusSeconds(1);
    assertThat(policy.restartNow(abDownFor(90))).isTrue();
    assertThat(policy.backoff()).isEqualTo(Duration.ofSeconds(120));
    for (int i = 0; i < 5; i++) {
      now = now.plusSeconds(600);
      policy.restartNow(abDownFor(10_000));
    }
    assertThat(policy.backoff()).isEqualTo(Duration.ofMinutes(5));

    policy.restartNow(List.of(new FlowHealth.Status(ab, FlowHealth.State.UP, Duration.ZERO),
        new FlowHealth.Status(ba, FlowHealth.State.UP, Duration.ZERO)));
    assertThat(policy.backoff()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void startingFlowsAreNeverRestarted() {
    now = now.plusSeconds(3600);
    assertThat(policy.restartNow(List.of(new FlowHealth.Status(ab, FlowHealth.State.STARTING, null)))).isFalse();
  }
}

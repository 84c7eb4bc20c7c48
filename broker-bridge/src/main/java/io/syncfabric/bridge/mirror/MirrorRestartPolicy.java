package io.syncfabric.bridge.mirror;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When {@link MirrorRunner} restarts MirrorMaker 2: a flow down (no heartbeat) for the whole
 * backoff, and no restart within it. The backoff starts at {@code first}, doubles after each
 * restart up to five minutes, and is back to {@code first} once every flow is up.
 */
final class MirrorRestartPolicy {
  private static final Duration MAX = Duration.ofMinutes(5);

  private final Duration first;
  private final Clock clock;
  private Duration backoff;
  private Instant lastRestart;

  MirrorRestartPolicy(Duration first, Clock clock) {
    this.first = first;
    this.clock = clock;
    this.backoff = first;
    this.lastRestart = clock.instant();
  }

  /** Decides on the flows' current states; true means restart now (and it is counted as done). */
  boolean restartNow(List<FlowHealth.Status> flows) {
    if (flows.stream().allMatch(s -> s.state() == FlowHealth.State.UP)) {
      backoff = first;
      return false;
    }
    boolean stuck = flows.stream().anyMatch(s -> s.state() == FlowHealth.State.DOWN
        && s.sinceHeartbeat().compareTo(backoff) >= 0);
    if (!stuck || Duration.between(lastRestart, clock.instant()).compareTo(backoff) < 0) {
      return false;
    }
    lastRestart = clock.instant();
    backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
    return true;
  }

  /** How long the next restart waits for. */
  Duration backoff() {
    return backoff;
  }
}

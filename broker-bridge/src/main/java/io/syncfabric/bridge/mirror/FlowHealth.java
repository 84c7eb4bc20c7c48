package io.syncfabric.bridge.mirror;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether each flow is alive, judged by MirrorMaker 2's heartbeats: a flow whose heartbeat count
 * grew within the stall time is up. Heartbeats are emitted every second on every cloud and always
 * replicated, so they prove the whole path (source cluster, the mirror, target cluster) even when
 * no application message flows.
 */
public final class FlowHealth {
  /** A flow's state: starting (no heartbeat yet), up, or down (heartbeats stopped). */
  public enum State { STARTING, UP, DOWN }

  /** One flow's state and how long ago its last heartbeat arrived (null before the first). */
  public record Status(MirrorFlow flow, State state, Duration sinceHeartbeat) {}

  private final Clock clock;
  private final Duration stall;
  private final Map<MirrorFlow, Long> counts = new LinkedHashMap<>();
  private final Map<MirrorFlow, Instant> lastProgress = new LinkedHashMap<>();

  public FlowHealth(List<MirrorFlow> flows, Duration stall, Clock clock) {
    this.clock = clock;
    this.stall = stall;
    flows.forEach(f -> counts.put(f, 0L));
  }

  /**
   * Records the flow's heartbeat count as just read from MirrorMaker 2. Any change to a non-zero
   * count is progress: a restarted task (after its cloud came back) counts again from zero.
   */
  public synchronized void observe(MirrorFlow flow, long heartbeats) {
    Long before = counts.get(flow);
    if (before == null) {
      return;
    }
    if (heartbeats > 0 && heartbeats != before) {
      lastProgress.put(flow, clock.instant());
    }
    counts.put(flow, heartbeats);
  }

  public synchronized Status status(MirrorFlow flow) {
    Instant last = lastProgress.get(flow);
    if (last == null) {
      return new Status(flow, State.STARTING, null);
    }
    Duration since = Duration.between(last, clock.instant());
    return new Status(flow, since.compareTo(stall) <= 0 ? State.UP : State.DOWN, since);
  }

  public synchronized List<Status> all() {
    return counts.keySet().stream().map(this::status).toList();
  }

  public synchronized boolean allUp() {
    return all().stream().allMatch(s -> s.state() == State.UP);
  }
}

package io.syncfabric.frontend.pool;

import java.util.List;
import java.util.Optional;

/**
 * Picks where each client of a draining frontend should go: the serving frontend with the lowest
 * load, counting the clients already sent to each, so a drain spreads its clients instead of
 * sending them all to one frontend.
 */
public final class ReconnectTargets {
  private final List<PoolMember> candidates;
  private final int[] assigned;

  public ReconnectTargets(List<LiveMember> live, String selfNode) {
    this.candidates = live.stream().map(LiveMember::member)
        .filter(m -> m.state() == MemberState.SERVING && !m.node().equals(selfNode)).toList();
    this.assigned = new int[candidates.size()];
  }

  /** The next client's target; empty when no other frontend serves (the client then asks discovery). */
  public Optional<PoolMember> next() {
    int best = -1;
    double bestLoad = Double.MAX_VALUE;
    for (int i = 0; i < candidates.size(); i++) {
      PoolMember m = candidates.get(i);
      double load = (double) (m.connections() + assigned[i]) / Math.max(1, m.capacity());
      if (load < bestLoad) {
        bestLoad = load;
        best = i;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    assigned[best]++;
    return Optional.of(candidates.get(best));
  }
}

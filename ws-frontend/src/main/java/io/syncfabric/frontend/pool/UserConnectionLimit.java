package io.syncfabric.frontend.pool;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** The per-user connection limit of one frontend, counted across the live frontends of its pool. */
public final class UserConnectionLimit {
  private final UserConnections counts;
  private final Pool pool;
  private final String node;
  private final int max;

  public UserConnectionLimit(UserConnections counts, Pool pool, String node, int max) {
    this.counts = counts;
    this.pool = pool;
    this.node = node;
    this.max = max;
  }

  public int max() {
    return max;
  }

  /** Completes true when the connection is counted, false when the user is at the limit. */
  public CompletionStage<Boolean> acquire(String user) {
    Set<String> live = pool.live().stream().map(l -> l.member().node()).collect(Collectors.toSet());
    return counts.acquire(user, node, live, max);
  }

  /** Counts an already accepted connection again (after this frontend's counts were dropped). */
  public void recount(String user) {
    counts.acquire(user, node, Set.of(node), Integer.MAX_VALUE);
  }

  public void release(String user) {
    counts.release(user, node);
  }
}

package io.syncfabric.frontend.membership;

import io.syncfabric.frontend.pool.LiveMember;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * This frontend's view of the other clouds' frontends, fed by their announcements. An entry lives
 * for {@code ttlMs} after its last announcement arrived, measured on this frontend's clock only: the
 * announcer's clock never enters the decision, so skew between clouds does not matter. Entries of
 * our own cloud are ignored here; they come from the Hazelcast pool.
 */
public final class RemoteMembers {
  private record Entry(PoolMember member, long receivedAtMs) {}

  private final String ownCloud;
  private final long ttlMs;
  private final LongSupplier clockMs;
  private final Map<String, Entry> byNode = new HashMap<>();

  public RemoteMembers(String ownCloud, long ttlMs, LongSupplier clockMs) {
    this.ownCloud = ownCloud;
    this.ttlMs = ttlMs;
    this.clockMs = clockMs;
  }

  /** An announcement arrived now; {@code member} null means the frontend stopped. */
  public synchronized void announced(String node, PoolMember member) {
    if (member == null) {
      byNode.remove(node);
    } else if (!member.cloud().equals(ownCloud)) {
      byNode.put(node, new Entry(member, clockMs.getAsLong()));
    }
  }

  /** A tombstone: the frontend stopped cleanly. */
  public synchronized void removed(String node) {
    byNode.remove(node);
  }

  /** Remote frontends announced within the TTL, in any state; forgets the expired ones. */
  public synchronized List<LiveMember> live() {
    long now = clockMs.getAsLong();
    byNode.values().removeIf(e -> now - e.receivedAtMs() > ttlMs);
    List<LiveMember> result = new ArrayList<>();
    byNode.values().forEach(e -> result.add(new LiveMember(e.member(), now - e.receivedAtMs())));
    return result;
  }

  /** Per remote cloud, how many of its frontends serve (fresh ones only), sorted by cloud. */
  public Map<String, Integer> servingPerCloud() {
    Map<String, Integer> result = new TreeMap<>();
    for (LiveMember l : live()) {
      int serving = l.member().state() == MemberState.SERVING ? 1 : 0;
      result.merge(l.member().cloud(), serving, Integer::sum);
    }
    return result;
  }

  public long ttlMs() {
    return ttlMs;
  }
}

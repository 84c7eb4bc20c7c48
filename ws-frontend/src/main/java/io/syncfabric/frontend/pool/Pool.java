package io.syncfabric.frontend.pool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This frontend's view of its cloud's pool. {@link #beat()} (called every heartbeat interval)
 * writes our own entry and sweeps the others: an entry whose heartbeat counter has not moved for
 * {@code ttlMs}, on our own clock, is removed, and the one frontend whose removal succeeded tells
 * its departure listeners (presence and per-user counts of that frontend are cleaned up once).
 * So a dead frontend leaves the pool within {@code ttlMs} plus one heartbeat. Listeners run on
 * {@code cleanup}, never on the heartbeat: slow cleanup must not make this frontend look dead.
 *
 * <p>A frontend that was only slow (a long GC pause, a stalled network) and got dropped notices it
 * on its next heartbeat (its entry was gone) and tells its eviction listeners, which put back what
 * the cleanup removed.
 */
public final class Pool {
  private static final Logger log = LoggerFactory.getLogger(Pool.class);

  private final PoolStore store;
  private final Supplier<PoolMember> self;
  private final long ttlMs;
  private final LongSupplier clockMs;
  private final List<Consumer<String>> departureListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> evictionListeners = new CopyOnWriteArrayList<>();
  private final Executor cleanup;
  /** node -> the entry we last saw and when (our clock) its beat last moved. */
  private final Map<String, Seen> seen = new HashMap<>();
  /** Hazelcast members that left (uuid -> our clock then): their frontends are not live, whatever the store says. */
  private final Map<String, Long> departedMembers = new ConcurrentHashMap<>();
  private volatile List<LiveMember> live = List.of();
  private long beat;
  private boolean left;

  private record Seen(String json, long beat, long changedAtMs) {}

  /**
   * @param self builds this frontend's current entry (its {@code beat} is replaced)
   * @param ttlMs how long an entry may go without a heartbeat before it is dropped
   */
  public Pool(PoolStore store, Supplier<PoolMember> self, long ttlMs, LongSupplier clockMs, Executor cleanup) {
    this.cleanup = cleanup;
    this.store = store;
    this.self = self;
    this.ttlMs = ttlMs;
    this.clockMs = clockMs;
  }

  /** Called when another frontend is dropped from the pool, with its node id. */
  public void onDeparture(Consumer<String> listener) {
    departureListeners.add(listener);
  }

  /** Called when this frontend finds that others dropped it from the pool (it was too slow). */
  public void onEvicted(Runnable listener) {
    evictionListeners.add(listener);
  }

  /** Publishes our entry and sweeps the rest. Call from one thread. */
  public synchronized void beat() {
    PoolMember me = self.get();
    PoolMember entry = me.withBeat(++beat);
    // the sweep, not the store's TTL, decides departures
    boolean wasThere = store.put(entry.node(), entry.toJson(), ttlMs * 3);
    if (!wasThere && beat > 1 && !left) {
      log.warn("pool: this frontend ({}) had been dropped by the others; rejoining", entry.node());
      evictionListeners.forEach(l -> cleanup.execute(l));
    }
    sweep(entry.node());
  }

  /**
   * Takes the frontend behind a Hazelcast member that left out of {@link #live()} at once, without
   * touching the store: safe on Hazelcast's event thread, and discovery stops listing a dead frontend
   * even while the cluster's maps are slow (partitions migrating away from it). Follow with
   * {@link #hazelcastMemberLeft} off that thread to remove its entry.
   */
  public void excludeMember(String memberUuid) {
    departedMembers.put(memberUuid, clockMs.getAsLong()); // live() leaves it out from now on
  }

  /** Drops the entry of the frontend behind a Hazelcast member that left (no need to wait for the TTL). */
  public synchronized void hazelcastMemberLeft(String memberUuid) {
    departedMembers.putIfAbsent(memberUuid, clockMs.getAsLong());
    for (var e : store.entries().entrySet()) {
      PoolMember m = parse(e.getKey(), e.getValue());
      if (m != null && memberUuid.equals(m.hazelcastMember())) {
        drop(e.getKey(), e.getValue(), "its Hazelcast member left");
      }
    }
    refreshLive(self.get().node());
  }

  /** Removes our entry (graceful stop). */
  public synchronized void leave() {
    left = true;
    store.remove(self.get().node());
  }

  /**
   * Frontends heard from within the TTL, ourselves included, as of the last heartbeat, without those
   * whose Hazelcast member has left since (filtered here, so no writer of the list races another).
   */
  public List<LiveMember> live() {
    List<LiveMember> current = live;
    if (departedMembers.isEmpty()) {
      return current;
    }
    return current.stream().filter(l -> !departed(l.member())).toList();
  }

  public long ttlMs() {
    return ttlMs;
  }

  private void sweep(String selfNode) {
    long now = clockMs.getAsLong();
    Map<String, String> entries = store.entries();
    seen.keySet().retainAll(entries.keySet());
    for (var e : entries.entrySet()) {
      String node = e.getKey();
      PoolMember m = parse(node, e.getValue());
      if (m == null) {
        drop(node, e.getValue(), "its entry is unreadable");
        continue;
      }
      Seen before = seen.get(node);
      if (before == null || before.beat() != m.beat()) {
        seen.put(node, new Seen(e.getValue(), m.beat(), now));
      } else if (!node.equals(selfNode) && now - before.changedAtMs() > ttlMs) {
        drop(node, e.getValue(), "no heartbeat for " + (now - before.changedAtMs()) + " ms");
      }
    }
    refreshLive(selfNode);
  }

  private void refreshLive(String selfNode) {
    long now = clockMs.getAsLong();
    // a member uuid is never reused by a restarted frontend; forget departures once their entries are long gone
    departedMembers.values().removeIf(at -> now - at > 3 * ttlMs);
    List<LiveMember> result = new ArrayList<>();
    for (var e : seen.entrySet()) {
      PoolMember m = parse(e.getKey(), e.getValue().json());
      long age = now - e.getValue().changedAtMs();
      boolean self = e.getKey().equals(selfNode);
      if (m != null && (self || !departed(m)) && (age <= ttlMs || self)) {
        result.add(new LiveMember(m, age));
      }
    }
    live = List.copyOf(result);
  }

  private boolean departed(PoolMember m) {
    return m.hazelcastMember() != null && departedMembers.containsKey(m.hazelcastMember());
  }

  private void drop(String node, String json, String why) {
    seen.remove(node);
    if (store.removeIfSame(node, json)) {
      log.info("pool: dropped frontend {} ({})", node, why);
      for (Consumer<String> l : departureListeners) {
        cleanup.execute(() -> {
          try {
            l.accept(node);
          } catch (RuntimeException ex) {
            log.warn("pool: cleaning up after {} failed", node, ex);
          }
        });
      }
    }
  }

  private static PoolMember parse(String node, String json) {
    try {
      PoolMember m = PoolMember.fromJson(json);
      return m.node().equals(node) ? m : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package io.syncfabric.frontend.pool;

import io.syncfabric.frontend.metrics.LiveStats;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoolTest {
  private final LocalPoolStore store = new LocalPoolStore();
  private final AtomicLong clock = new AtomicLong(1_000);

  private Pool member(String node, MemberState state) {
    return new Pool(store, () -> new PoolMember(node, "a", "eu", "ws://" + node, "http://" + node, 5, 100, state,
        "uuid-" + node, 0, LiveStats.Snapshot.EMPTY), 3_000, clock::get, Runnable::run);
  }

  @Test
  void everyMemberSeesEveryLiveEntry() {
    Pool a = member("a1", MemberState.SERVING);
    Pool b = member("a2", MemberState.STARTING);
    a.beat();
    b.beat();
    a.beat();

    assertThat(a.live()).extracting(l -> l.member().node()).containsExactlyInAnyOrder("a1", "a2");
    assertThat(a.live()).filteredOn(l -> l.member().node().equals("a2"))
        .extracting(l -> l.member().state()).containsExactly(MemberState.STARTING);
  }

  @Test
  void aSilentMemberIsDroppedAfterTheTtlOnceAndItsDepartureAnnounced() {
    Pool a = member("a1", MemberState.SERVING);
    Pool b = member("a2", MemberState.SERVING);
    Pool c = member("a3", MemberState.SERVING);
    List<String> departedSeenByA = new ArrayList<>();
    List<String> departedSeenByC = new ArrayList<>();
    a.onDeparture(departedSeenByA::add);
    c.onDeparture(departedSeenByC::add);
    a.beat();
    b.beat();
    c.beat();
    a.beat(); // everyone has now seen everyone: the TTL runs from when an observer last saw a beat move
    c.beat();

    clock.addAndGet(2_000); // b stops beating
    a.beat();
    c.beat();
    assertThat(a.live()).hasSize(3);

    clock.addAndGet(1_500); // b silent for 3.5 s > 3 s
    a.beat();
    c.beat();

    assertThat(a.live()).extracting(l -> l.member().node()).containsExactlyInAnyOrder("a1", "a3");
    assertThat(c.live()).extracting(l -> l.member().node()).containsExactlyInAnyOrder("a1", "a3");
    assertThat(store.entries()).doesNotContainKey("a2");
    assertThat(departedSeenByA).containsExactly("a2");
    assertThat(departedSeenByC).isEmpty(); // the cleanup runs on one frontend only
  }

  @Test
  void aMemberWhoseHazelcastMemberLeftIsDroppedAtOnce() {
    Pool a = member("a1", MemberState.SERVING);
    Pool b = member("a2", MemberState.SERVING);
    List<String> departed = new ArrayList<>();
    a.onDeparture(departed::add);
    a.beat();
    b.beat();
    a.beat();

    a.hazelcastMemberLeft("uuid-a2");

    assertThat(departed).containsExactly("a2");
    assertThat(a.live()).extracting(l -> l.member().node()).containsExactly("a1");
  }

  @Test
  void aMemberWhoseHazelcastMemberLeftLeavesTheLiveListBeforeItsEntryIsRemoved() {
    Pool a = member("a1", MemberState.SERVING);
    Pool b = member("a2", MemberState.SERVING);
    a.beat();
    b.beat();
    a.beat();

    a.excludeMember("uuid-a2"); // on Hazelcast's event thread: no store call, no lock

    assertThat(a.live()).extracting(l -> l.member().node()).containsExactly("a1");
    assertThat(store.entries()).containsKey("a2");
    a.beat(); // its entry is still there and within the TTL: it stays out
    assertThat(a.live()).extracting(l -> l.member().node()).containsExactly("a1");
  }

  @Test
  void aMemberDroppedWhileAliveNoticesAndRejoins() {
    Pool a = member("a1", MemberState.SERVING);
    int[] evictions = new int[1];
    a.onEvicted(() -> evictions[0]++);
    a.beat();
    a.beat();
    store.remove("a1"); // what a sweeper does to a frontend it thinks is dead

    a.beat();

    assertThat(evictions[0]).isEqualTo(1);
    assertThat(store.entries()).containsKey("a1");
    a.leave();
    a.beat(); // after a graceful leave, an absent entry is expected, not an eviction
    assertThat(evictions[0]).isEqualTo(1);
  }

  @Test
  void leavingRemovesTheOwnEntry() {
    Pool a = member("a1", MemberState.SERVING);
    a.beat();
    a.leave();
    assertThat(store.entries()).isEmpty();
  }

  @Test
  void anUnreadableEntryIsRemoved() {
    Pool a = member("a1", MemberState.SERVING);
    store.put("junk", "{not json", 1_000);
    a.beat();
    assertThat(store.entries()).containsOnlyKeys("a1");
  }

  @Test
  void entriesRoundTripThroughJson() {
    PoolMember m = new PoolMember("a1", "a", "eu", "ws://h:1/v1/ws", "http://h:1", 7, 100, MemberState.DRAINING,
        "u", 42, new LiveStats.Snapshot(1.5, 3.0, 2.0, 9.0));
    assertThat(PoolMember.fromJson(m.toJson())).isEqualTo(m);
    assertThat(m.load()).isEqualTo(0.07);
  }
}

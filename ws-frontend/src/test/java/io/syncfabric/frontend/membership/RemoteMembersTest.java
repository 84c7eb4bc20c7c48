package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.metrics.LiveStats;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RemoteMembersTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RemoteMembers view = new RemoteMembers("a", 5_000, now::get);

  static PoolMember member(String cloud, String node, MemberState state) {
    return new PoolMember(node, cloud, "eu", "ws://" + node + "/v1/ws", "http://" + node, 1, 100, state, "", 0,
        LiveStats.Snapshot.EMPTY);
  }

  private java.util.List<String> nodes() {
    return view.live().stream().map(l -> l.member().node()).sorted().toList();
  }

  @Test
  void anEntryExpiresWhenNotReannouncedWithinTheTtlOnOurClock() {
    view.announced("b-1", member("b", "b-1", MemberState.SERVING));
    now.addAndGet(5_000);
    assertThat(nodes()).containsExactly("b-1");
    assertThat(view.live().get(0).heartbeatAgeMs()).isEqualTo(5_000);

    now.addAndGet(1);
    assertThat(nodes()).isEmpty();
  }

  @Test
  void aNewAnnouncementRestartsTheTtl() {
    view.announced("b-1", member("b", "b-1", MemberState.SERVING));
    now.addAndGet(4_000);
    view.announced("b-1", member("b", "b-1", MemberState.SERVING));
    now.addAndGet(4_000);
    assertThat(nodes()).containsExactly("b-1");
  }

  @Test
  void entriesOfOurOwnCloudAreLeftToThePool() {
    view.announced("a-1", member("a", "a-1", MemberState.SERVING));
    assertThat(nodes()).isEmpty();
  }

  @Test
  void aStopOrATombstoneRemovesTheEntryAtOnce() {
    view.announced("b-1", member("b", "b-1", MemberState.SERVING));
    view.announced("b-2", member("b", "b-2", MemberState.SERVING));
    view.announced("b-1", null);
    view.removed("b-2");
    assertThat(nodes()).isEmpty();
  }

  @Test
  void servingCountsPerCloudLeaveOutDrainingOnes() {
    view.announced("b-1", member("b", "b-1", MemberState.SERVING));
    view.announced("b-2", member("b", "b-2", MemberState.DRAINING));
    view.announced("c-1", member("c", "c-1", MemberState.SERVING));
    assertThat(view.servingPerCloud()).isEqualTo(Map.of("b", 1, "c", 1));
  }
}

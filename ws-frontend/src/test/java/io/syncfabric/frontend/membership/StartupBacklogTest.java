package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.schema.MemberAnnouncement;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StartupBacklogTest {
  private static final TopicPartition P0 = new TopicPartition("b.fabric.members", 0);
  private static final TopicPartition P1 = new TopicPartition("b.fabric.members", 1);

  static MemberAnnouncement announcement(String node, long at) {
    return Announcements.of(RemoteMembersTest.member("b", node, io.syncfabric.frontend.pool.MemberState.SERVING), at);
  }

  @Test
  void onlyNodesAnnouncedWithinTheTtlOfTheOriginsNewestRecordAreAdmitted() {
    StartupBacklog backlog = new StartupBacklog(Map.of(P0, 10L));
    // the origin's clock may be hours off ours: only its own timestamps are compared
    long originNow = 9_000_000_000L;
    backlog.add("crashed-long-ago", announcement("crashed-long-ago", originNow - 60_000), originNow - 60_000);
    backlog.add("live", announcement("live", originNow - 1_000), originNow - 1_000);
    backlog.add("newest", announcement("newest", originNow), originNow);
    backlog.add("stopped", null, originNow - 500);

    assertThat(backlog.fresh(15_000)).extracting(MemberAnnouncement::getNode)
        .containsExactlyInAnyOrder("live", "newest");
  }

  @Test
  void theLatestRecordOfANodeWins() {
    StartupBacklog backlog = new StartupBacklog(Map.of(P0, 10L));
    backlog.add("n", announcement("n", 100), 100);
    backlog.add("n", null, 200);
    assertThat(backlog.fresh(15_000)).isEmpty();
  }

  @Test
  void isDoneWhenEveryPartitionReachedItsEndOffsetAtStart() {
    StartupBacklog backlog = new StartupBacklog(Map.of(P0, 10L, P1, 3L));
    assertThat(backlog.holds(P0, 9)).isTrue();
    assertThat(backlog.holds(P0, 10)).isFalse();

    backlog.reached(P0, 10);
    backlog.reached(P1, 2);
    assertThat(backlog.done()).isFalse();
    backlog.reached(P1, 3);
    assertThat(backlog.done()).isTrue();
  }
}

package io.syncfabric.frontend.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.cluster.ClusterSettings;
import io.syncfabric.frontend.cluster.HazelcastMember;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract on a real two-member Hazelcast cluster over loopback. */
class HazelcastHistoryStoreTest extends HistoryStoreContract {
  static HazelcastMember first;
  static HazelcastMember second;

  @BeforeAll
  static void startCluster() {
    ClusterSettings settings = new ClusterSettings(true, "history-test-" + ProcessHandle.current().pid(),
        "127.0.0.1", 5901, "tcp-ip", List.of("127.0.0.1:5901", "127.0.0.1:5902"), "", 5);
    first = HazelcastMember.start(settings, "hts-1", 600);
    second = HazelcastMember.start(new ClusterSettings(true, settings.clusterName(), "127.0.0.1", 5902, "tcp-ip",
        settings.members(), "", 5), "hts-2", 600);
  }

  @AfterAll
  static void stopCluster() {
    second.close();
    first.close();
  }

  @Override
  HistoryStore store() {
    return new HazelcastHistoryStore(first.instance(), LIMITS, e -> { });
  }

  @Test
  void bothMembersFormOneCluster() {
    assertThat(first.memberCount()).isEqualTo(2);
  }

  @Test
  void exactlyOneMemberWritesEachChannel() {
    var onFirst = new HazelcastHistoryStore(first.instance(), LIMITS, e -> { });
    var onSecond = new HazelcastHistoryStore(second.instance(), LIMITS, e -> { });
    for (String channel : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      assertThat(onFirst.isWriterFor(channel) ^ onSecond.isWriterFor(channel)).as(channel).isTrue();
    }
  }

  @Test
  void whatOneMemberWritesTheOtherReads() throws Exception {
    var onSecond = new HazelcastHistoryStore(second.instance(), LIMITS, e -> { });
    store().append("shared", "e1", new HistoryEntry(1, 1_000_000, "hello".getBytes()));
    org.awaitility.Awaitility.await().until(() ->
        onSecond.read("shared").toCompletableFuture().get().lastSeq() == 1);
    assertThat(new String(onSecond.read("shared").toCompletableFuture().get().entries().get(0).frame())).isEqualTo("hello");
  }
}

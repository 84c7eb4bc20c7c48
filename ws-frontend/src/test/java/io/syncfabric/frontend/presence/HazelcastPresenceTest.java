package io.syncfabric.frontend.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.cluster.ClusterSettings;
import io.syncfabric.frontend.cluster.HazelcastMember;
import io.syncfabric.frontend.pool.HazelcastUserConnections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence and per-user counts on a real two-member Hazelcast cluster over loopback. */
class HazelcastPresenceTest {
  static HazelcastMember first;
  static HazelcastMember second;

  @BeforeAll
  static void start() {
    var settings = new ClusterSettings(true, "presence-test-" + ProcessHandle.current().pid(), "127.0.0.1", 5931,
        "tcp-ip", List.of("127.0.0.1:5931", "127.0.0.1:5932"), "", 5);
    first = HazelcastMember.start(settings, "pt-1", 600);
    second = HazelcastMember.start(new ClusterSettings(true, settings.clusterName(), "127.0.0.1", 5932, "tcp-ip",
        settings.members(), "", 5), "pt-2", 600);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @Test
  void joinsFromBothMembersAreListedAndADepartedNodeIsCleared() {
    var onFirst = new Presence(new HazelcastPresenceStore(first.instance()), new HazelcastPresenceBus(first.instance()));
    var onSecond = new Presence(new HazelcastPresenceStore(second.instance()), new HazelcastPresenceBus(second.instance()));
    List<String> events = new CopyOnWriteArrayList<>();
    onSecond.watch("hz:c", new Presence.Watcher() {
      @Override
      public String clientId() {
        return "watcher";
      }

      @Override
      public boolean deliver(byte[] frame) {
        events.add(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
        return true;
      }
    });

    onFirst.join("hz:c", new PresenceEntry("n1.a", "alice", "n1")).toCompletableFuture().join();
    onSecond.join("hz:c", new PresenceEntry("n2.b", "bob", "n2")).toCompletableFuture().join();
    onFirst.join("hz:c", new PresenceEntry("n1.c", "carol", "n1")).toCompletableFuture().join();

    assertThat(onSecond.list("hz:c").toCompletableFuture().join()).extracting(PresenceEntry::user)
        .containsExactlyInAnyOrder("alice", "bob", "carol");

    onSecond.leave("hz:c", "n2.b").toCompletableFuture().join();
    onSecond.nodeDeparted("n1");

    assertThat(onFirst.list("hz:c").toCompletableFuture().join()).isEmpty();
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(events)
        .filteredOn(e -> e.contains("\"leave\"")).hasSize(3));
    assertThat(events).filteredOn(e -> e.contains("\"join\"")).hasSize(3);
  }

  @Test
  void userCountsAreSharedByTheMembers() {
    var a = new HazelcastUserConnections(first.instance());
    var b = new HazelcastUserConnections(second.instance());
    Set<String> live = Set.of("n1", "n2");
    assertThat(a.acquire("dave", "n1", live, 2).toCompletableFuture().join()).isTrue();
    assertThat(b.acquire("dave", "n2", live, 2).toCompletableFuture().join()).isTrue();
    assertThat(a.acquire("dave", "n1", live, 2).toCompletableFuture().join()).isFalse();
    b.removeNode("n2");
    assertThat(a.acquire("dave", "n1", live, 2).toCompletableFuture().join()).isTrue();
  }
}

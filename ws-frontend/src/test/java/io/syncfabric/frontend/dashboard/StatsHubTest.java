package io.syncfabric.frontend.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.metrics.LiveStats;
import io.syncfabric.frontend.metrics.RecentEvents;
import io.syncfabric.frontend.pool.LiveMember;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsHubTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecentEvents events = new RecentEvents("n1", 10);
  private final List<LiveMember> pool = new ArrayList<>(List.of(new LiveMember(new PoolMember("n1", "a", "eu",
      "ws://n1", "http://n1", 3, 100, MemberState.SERVING, "", 1, new LiveStats.Snapshot(10, 30, 2, 9)), 120)));
  private final StatsHub hub = new StatsHub("a", "n1", () -> pool, events, 1_000);
  private final List<JsonNode> received = new ArrayList<>();
  private final Subscriber watcher = frame -> {
    try {
      received.add(JSON.readTree(frame));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return true;
  };

  @Test
  void aNewWatcherGetsHistoryAndEventsThenEveryTick() {
    hub.tick(1_000);
    events.add("recovery", "replayed 5 from cache");
    hub.tick(2_000);

    hub.watch(watcher, JSON.getNodeFactory().numberNode(7));
    JsonNode reply = received.get(0);
    assertThat(reply.path("op").asText()).isEqualTo("stats");
    assertThat(reply.path("id").asInt()).isEqualTo(7);
    assertThat(reply.path("interval").asLong()).isEqualTo(1_000);
    assertThat(reply.path("history")).hasSize(2);
    assertThat(reply.path("events").get(0).path("kind").asText()).isEqualTo("recovery");

    events.add("error", "invalid-token");
    hub.tick(3_000);
    JsonNode push = received.get(1);
    assertThat(push.path("sample").path("ts").asLong()).isEqualTo(3_000);
    JsonNode fe = push.path("sample").path("frontends").get(0);
    assertThat(fe.path("node").asText()).isEqualTo("n1");
    assertThat(fe.path("state").asText()).isEqualTo("serving");
    assertThat(fe.path("deliveriesPerSec").asDouble()).isEqualTo(30.0);
    assertThat(fe.path("latencyP99Ms").asDouble()).isEqualTo(9.0);
    assertThat(push.path("events")).extracting(e -> e.path("detail").asText()).containsExactly("invalid-token");

    hub.unwatch(watcher);
    hub.tick(4_000);
    assertThat(received).hasSize(2);
  }

  @Test
  void historyIsBounded() {
    for (int i = 0; i < StatsHub.HISTORY + 20; i++) {
      hub.tick(i);
    }
    hub.watch(watcher, null);
    assertThat(received.get(0).path("history")).hasSize(StatsHub.HISTORY);
    assertThat(received.get(0).has("id")).isFalse();
  }

  @Test
  void otherCloudsFrontendsComeWithTheirCloudAndItsReplicationLag() {
    List<LiveMember> remote = List.of(
        new LiveMember(new PoolMember("b1", "b", "us", "ws://b1", "http://b1", 7, 100, MemberState.SERVING, "", 4,
            LiveStats.Snapshot.EMPTY), 900),
        new LiveMember(new PoolMember("c1", "c", "ap", "ws://c1", "http://c1", 1, 100, MemberState.SERVING, "", 2,
            LiveStats.Snapshot.EMPTY), 300));
    StatsHub multi = new StatsHub("a", "n1", () -> pool, new OtherClouds() {
      @Override
      public List<LiveMember> frontends() {
        return remote;
      }

      @Override
      public java.util.OptionalLong replicationLagMs(String cloud) {
        return cloud.equals("b") ? java.util.OptionalLong.of(42) : java.util.OptionalLong.empty();
      }
    }, events, 1_000);
    multi.tick(1_000);
    multi.watch(watcher, null);

    JsonNode frontends = received.get(0).path("history").get(0).path("frontends");
    assertThat(frontends).extracting(f -> f.path("node").asText()).containsExactly("n1", "b1", "c1");
    assertThat(frontends.get(0).has("replicationLagMs")).as("this cloud's own frontend").isFalse();
    assertThat(frontends.get(1).path("cloud").asText()).isEqualTo("b");
    assertThat(frontends.get(1).path("replicationLagMs").asLong()).isEqualTo(42);
    assertThat(frontends.get(2).path("replicationLagMs").isNull()).as("no mirrored data from c yet").isTrue();
  }
}

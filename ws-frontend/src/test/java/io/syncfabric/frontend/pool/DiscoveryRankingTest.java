package io.syncfabric.frontend.pool;

import io.syncfabric.frontend.metrics.LiveStats;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryRankingTest {
  private static LiveMember m(String node, String region, int connections, MemberState state) {
    return m("a", node, region, connections, state);
  }

  private static LiveMember m(String cloud, String node, String region, int connections, MemberState state) {
    return new LiveMember(new PoolMember(node, cloud, region, "ws://" + node, "http://" + node, connections, 100, state,
        "", 1, LiveStats.Snapshot.EMPTY), 10);
  }

  private final List<LiveMember> live = List.of(
      m("busy-eu", "eu", 90, MemberState.SERVING),
      m("idle-eu", "eu", 10, MemberState.SERVING),
      m("idle-us", "us", 0, MemberState.SERVING),
      m("draining-eu", "eu", 0, MemberState.DRAINING),
      m("starting-eu", "eu", 0, MemberState.STARTING));

  @Test
  void onlyServingFrontendsCallerRegionFirstThenLeastLoaded() {
    assertThat(DiscoveryRanking.rank(live, "eu", null)).extracting(l -> l.member().node())
        .containsExactly("idle-eu", "busy-eu", "idle-us");
  }

  @Test
  void withoutARegionTheLeastLoadedComesFirst() {
    assertThat(DiscoveryRanking.rank(live, null, null)).extracting(l -> l.member().node())
        .containsExactly("idle-us", "idle-eu", "busy-eu");
  }

  @Test
  void theSessionsFrontendComesFirstWhileItServes() {
    assertThat(DiscoveryRanking.rank(live, "eu", DiscoveryRanking.nodeOfSession("busy-eu.0123456789abcdef")))
        .extracting(l -> l.member().node()).startsWith("busy-eu");
    assertThat(DiscoveryRanking.rank(live, "eu", DiscoveryRanking.nodeOfSession("draining-eu.0123456789abcdef")))
        .extracting(l -> l.member().node()).doesNotContain("draining-eu");
  }

  @Test
  void ownCloudFirstAsRankedAloneThenOtherCloudsServingOnesByLoad() {
    List<LiveMember> remote = List.of(
        m("c", "c-busy", "eu", 80, MemberState.SERVING),
        m("b", "b-idle", "us", 5, MemberState.SERVING),
        m("c", "c-idle", "eu", 5, MemberState.SERVING),
        m("b", "b-draining", "eu", 0, MemberState.DRAINING),
        m("b", "b-starting", "eu", 0, MemberState.STARTING));

    List<LiveMember> ranked = DiscoveryRanking.rankAcrossClouds(live, remote, "eu", "busy-eu");

    // the caller's region means nothing across clouds: load, then cloud, then node
    assertThat(ranked).extracting(l -> l.member().node())
        .containsExactly("busy-eu", "idle-eu", "idle-us", "b-idle", "c-idle", "c-busy");
  }

  @Test
  void aRemoteEntryNamingOneOfOurNodesIsNotListedTwice() {
    List<LiveMember> remote = List.of(m("b", "idle-eu", "eu", 0, MemberState.SERVING));
    assertThat(DiscoveryRanking.rankAcrossClouds(live, remote, "eu", null)).extracting(l -> l.member().cloud())
        .containsOnly("a").hasSize(3);
  }

  @Test
  void sessionIdsWithoutANodeNameNone() {
    assertThat(DiscoveryRanking.nodeOfSession(null)).isNull();
    assertThat(DiscoveryRanking.nodeOfSession("nodot")).isNull();
    assertThat(DiscoveryRanking.nodeOfSession(".abc")).isNull();
    assertThat(DiscoveryRanking.nodeOfSession("a.b.c")).isEqualTo("a.b");
  }

  @Test
  void drainTargetsSpreadByLoadAndSkipSelfAndNonServing() {
    var targets = new ReconnectTargets(live, "idle-eu");
    List<String> picks = java.util.stream.IntStream.range(0, 4)
        .mapToObj(i -> targets.next().orElseThrow().node()).toList();
    // idle-us (0) takes the first ones until it is as loaded as the next: never draining/starting/self
    assertThat(picks).containsOnly("idle-us").hasSize(4);
    assertThat(new ReconnectTargets(List.of(live.get(3)), "x").next()).isEmpty();
  }
}

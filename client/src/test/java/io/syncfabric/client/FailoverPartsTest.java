package io.syncfabric.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverPartsTest {
  @Test
  void backoffIsFullJitterUnderAGrowingCap() {
    Backoff b = new Backoff(100, 1_000);
    assertThat(b.delayMs(0, () -> 0.9999999)).isEqualTo(100);
    assertThat(b.delayMs(2, () -> 0.9999999)).isEqualTo(400);
    assertThat(b.delayMs(10, () -> 0.9999999)).isEqualTo(1_000);
    assertThat(b.delayMs(63, () -> 0.9999999)).isEqualTo(1_000);
    assertThat(b.delayMs(5, () -> 0.0)).isZero();
    assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repeatsAtOrBelowTheLastSeqOfTheSameEpochAreDropped() {
    ChannelPositions p = new ChannelPositions();
    assertThat(p.accept(msg("c", "e1", 1))).isTrue();
    assertThat(p.accept(msg("c", "e1", 2))).isTrue();
    assertThat(p.accept(msg("c", "e1", 2))).isFalse();
    assertThat(p.accept(msg("c", "e1", 1))).isFalse();
    assertThat(p.accept(msg("other", "e1", 1))).isTrue();
    assertThat(p.accept(msg("c", "e2", 1))).isTrue(); // a new epoch starts over
    assertThat(p.accept(msg("c", "e1", 3))).isFalse(); // a late message of the epoch left behind
    assertThat(p.dropped()).isEqualTo(3);
  }

  @Test
  void aSubscribeReplyGivesAPositionToResumeFromButNeverMovesBack() {
    ChannelPositions p = new ChannelPositions();
    p.subscribedAt(reply("c"));
    assertThat(p.since("c")).isEmpty();
    p.subscribedAt(reply("c", new StreamPosition("a", "e1", 5, 0)));
    assertThat(p.since("c")).containsExactly(new StreamPosition("a", "e1", 5, 0));
    p.accept(msg("c", "e1", 9));
    p.subscribedAt(reply("c", new StreamPosition("a", "e1", 7, 0)));
    assertThat(p.since("c")).extracting(StreamPosition::seq).containsExactly(9L);
  }

  @Test
  void theFirstReplysTimeIsWhereTheSubscriptionStartsUntilItIsForgotten() {
    ChannelPositions p = new ChannelPositions();
    assertThat(p.from("c")).isZero();
    p.subscribedAt(new Subscribed("c", "", 0, "", false, null, List.of(), 1_000));
    p.subscribedAt(new Subscribed("c", "", 0, "", true, null, List.of(), 2_000)); // a resume does not move it
    assertThat(p.from("c")).isEqualTo(1_000);
    assertThat(p.from("other")).isZero();
    p.subscribedAt(new Subscribed("c", "", 0, "", false, "retention", List.of(), 3_000)); // resynced now
    assertThat(p.from("c")).isEqualTo(3_000);
    p.forget("c");
    assertThat(p.from("c")).isZero();
  }

  @Test
  void everyOriginCloudHasItsOwnPositionAndDuplicateFilter() {
    ChannelPositions p = new ChannelPositions();
    assertThat(p.accept(msg("c", "a", "ea", 4))).isTrue();
    assertThat(p.accept(msg("c", "b", "eb", 1))).as("another origin's lower seq is new").isTrue();
    assertThat(p.accept(msg("c", "a", "ea", 4))).isFalse();
    assertThat(p.accept(msg("c", "b", "eb", 1))).as("the same message mirrored twice").isFalse();
    assertThat(p.accept(msg("c", "b", "eb", 2))).isTrue();

    assertThat(p.since("c")).containsExactlyInAnyOrder(new StreamPosition("a", "ea", 4, 40), new StreamPosition("b", "eb", 2, 20));
  }

  private static Subscribed reply(String channel, StreamPosition... positions) {
    return new Subscribed(channel, "", 0, "", true, null, List.of(positions), 0);
  }

  @Test
  void nearBestCandidatesAreChosenAtRandomAndTheStickyOneComesFirst() {
    var near1 = new FrontendFinder.Measured(frontend("n1"), 1.0);
    var near2 = new FrontendFinder.Measured(frontend("n2"), 2.5);
    var far = new FrontendFinder.Measured(frontend("far"), 40.0);
    List<FrontendFinder.Measured> all = List.of(far, near2, near1);

    assertThat(FrontendFinder.order(all, null, () -> 0.0)).extracting(Frontend::node).containsExactly("n1", "n2", "far");
    assertThat(FrontendFinder.order(all, null, () -> 0.99)).extracting(Frontend::node).containsExactly("n2", "n1", "far");
    assertThat(FrontendFinder.order(all, "far", () -> 0.0)).extracting(Frontend::node).startsWith("far");
    assertThat(FrontendFinder.order(List.of(), null, () -> 0.5)).isEmpty();
  }

  @Test
  void sessionIdsNameTheirNode() {
    assertThat(FrontendFinder.nodeOf("a-8080.0011223344556677")).isEqualTo("a-8080");
    assertThat(FrontendFinder.nodeOf(null)).isNull();
    assertThat(Frontend.seed(URI.create("http://127.0.0.1:8080/")).url()).hasToString("ws://127.0.0.1:8080/v1/ws");
  }

  private static Frontend frontend(String node) {
    return new Frontend(node, "c", "r", URI.create("ws://" + node + "/v1/ws"), URI.create("http://" + node), 0);
  }

  private static FabricMessage msg(String channel, String epoch, long seq) {
    return new FabricMessage(channel, epoch, seq, 0, "a", null);
  }

  private static FabricMessage msg(String channel, String origin, String epoch, long seq) {
    return new FabricMessage(channel, epoch, seq, seq * 10, origin, null);
  }
}

package io.syncfabric.frontend.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.fanout.OriginStreams;
import io.syncfabric.frontend.history.ChannelHistory;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistorySlice;
import io.syncfabric.frontend.history.HistoryStore;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.schema.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recovery joins replay and live stream exactly, or says recovered=false: never a silent gap. */
class RecoveryServiceTest {
  private static final OriginStreams STREAMS = new OriginStreams("a", "fabric.events");
  private final ChannelTable channels = new ChannelTable();
  private final ManualStore store = new ManualStore();
  private final FrontendMetrics metrics = new FrontendMetrics("a", "n1");
  private final Frames client = new Frames();

  @AfterEach
  void close() {
    metrics.close();
  }

  private RecoveryService service(int max) {
    return new RecoveryService(channels, new CoalescingHistoryReader(store), null, metrics, STREAMS, max, Runnable::run);
  }

  private void subscribe(RecoveryService service, String epoch, long seq) {
    service.subscribe("c", Map.of("a", new StreamPosition(epoch, seq)), 0, client, outcome -> {
      StreamPosition pos = outcome.primary();
      return bytes("subscribed:" + (pos == null ? "-" : pos.epoch() + ":" + pos.seq()) + ":" + outcome.recovered());
    });
  }

  private void live(String epoch, long seq) {
    channels.dispatch("c", "a", new StreamPosition(epoch, seq), () -> bytes("live" + seq), 0);
  }

  @Test
  void replaysTheGapFromHistoryThenGoesLive() {
    subscribe(service(100), "e1", 4);
    store.complete(history("e1", 1, 10));
    live("e1", 11);

    assertThat(client.frames).containsExactly("subscribed:e1:4:true", "m5", "m6", "m7", "m8", "m9", "m10", "live11");
  }

  @Test
  void liveMessagesArrivingDuringTheReplayAreJoinedWithoutDuplicates() {
    subscribe(service(100), "e1", 8);
    live("e1", 10); // already in the history too
    live("e1", 11);
    store.complete(history("e1", 1, 10));
    live("e1", 12);

    assertThat(client.frames).containsExactly("subscribed:e1:8:true", "m9", "m10", "live11", "live12");
  }

  @Test
  void whenLiveIsAheadOfTheReplayAnotherRoundFetchesTheDifference() {
    subscribe(service(100), "e1", 2);
    live("e1", 11);
    store.complete(history("e1", 1, 8)); // 9 and 10 not stored yet
    assertThat(client.frames).as("nothing sent while the join is incomplete").isEmpty();
    store.complete(history("e1", 1, 10));

    assertThat(client.frames).containsExactly("subscribed:e1:2:true", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10",
        "live11");
  }

  @Test
  void whenTheHistoryIsAheadOfThisFrontendItsLaterLiveCopiesAreSkipped() {
    channels.subscribe("c", new Frames(), pos -> bytes("other"));
    for (long seq = 1; seq <= 5; seq++) {
      live("e1", seq);
    }
    subscribe(service(100), "e1", 3);
    store.complete(history("e1", 1, 8)); // written by a faster frontend
    for (long seq = 6; seq <= 9; seq++) {
      live("e1", seq); // this frontend's reader catches up
    }
    unsubscribeOthersAndCheck();

    assertThat(client.frames).containsExactly("subscribed:e1:3:true", "m4", "m5", "m6", "m7", "m8", "live9");
  }

  private void unsubscribeOthersAndCheck() {
    assertThat(channels.subscriptionCount()).isEqualTo(2);
    assertThat(channels.unsubscribe("c", client)).as("the wrapped subscriber is found by its owner").isTrue();
    assertThat(channels.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void anotherEpochIsAnsweredWithRecoveredFalseAndTheCurrentPosition() {
    subscribe(service(100), "old", 5);
    store.complete(history("e2", 1, 3));
    live("e2", 4);

    assertThat(client.frames).containsExactly("subscribed:e2:3:false", "live4");
  }

  @Test
  void aFrontendAlreadyStreamingANewerEpochAnswersEpochChanged() {
    channels.subscribe("c", new Frames(), pos -> bytes("other"));
    live("e2", 3); // this frontend moved on; the history owner still lags on e1
    subscribe(service(100), "e1", 5);
    store.complete(history("e1", 1, 9));

    assertThat(client.frames).containsExactly("subscribed:e2:3:false");
    assertThat(metrics.scrape()).contains("reason=\"epoch-changed\"");
  }

  @Test
  void anUnexpectedErrorStillAnswersTheClient() {
    RecoveryService failing = new RecoveryService(channels, new CoalescingHistoryReader(store), null, metrics, STREAMS,
        100, Runnable::run);
    failing.subscribe("c", Map.of("a", new StreamPosition("e1", 1)), 0, client, outcome -> {
      StreamPosition pos = outcome.primary();
      if (outcome.recovered()) {
        throw new IllegalStateException("reply encoding broke");
      }
      return bytes("subscribed:" + (pos == null ? "-" : pos.seq()) + ":false");
    });
    store.complete(history("e1", 1, 3));

    assertThat(client.frames).containsExactly("subscribed:-:false");
  }

  @Test
  void aGapLargerThanTheLimitIsNotReplayed() {
    subscribe(service(5), "e1", 0);
    store.complete(history("e1", 1, 10));

    assertThat(client.frames).containsExactly("subscribed:e1:10:false");
  }

  @Test
  void withoutHistoryOrKafkaTheClientIsToldToResync() {
    subscribe(service(100), "e1", 3);
    live("e1", 9);
    store.fail();

    assertThat(client.frames).containsExactly("subscribed:e1:9:false");
    assertThat(metrics.scrape()).contains("fabric_recoveries_total{cloud=\"a\",node=\"n1\",outcome=\"failed\",reason=\"unavailable\"} 1.0");
  }

  @Test
  void aClientAheadOfThisFrontendWaitsForItsStreamToCatchUp() {
    subscribe(service(100), "e1", 12);
    store.complete(history("e1", 1, 10)); // this frontend is behind the one the client came from
    live("e1", 11);
    store.complete(history("e1", 1, 11));
    assertThat(client.frames).isEmpty();
    live("e1", 12);
    live("e1", 13);
    store.complete(history("e1", 1, 12));

    assertThat(client.frames).containsExactly("subscribed:e1:12:true", "live13");
  }

  @Test
  void aClientClaimingASeqThatNeverComesIsFinallyNotTrusted() {
    subscribe(service(100), "e1", 50);
    for (int round = 0; round < RecoveryService.MAX_AHEAD_ROUNDS; round++) {
      store.complete(history("e1", 1, 10));
    }

    assertThat(client.frames).containsExactly("subscribed:e1:10:false");
  }

  @Test
  void theReplayMustReachWhatThisFrontendAlreadyDelivered() {
    live("e1", 1); // the channel exists here at seq 1 before the subscriber arrives
    channels.subscribe("c", new Frames(), pos -> bytes("other"));
    for (long seq = 2; seq <= 9; seq++) {
      live("e1", seq);
    }
    subscribe(service(100), "e1", 3);
    store.complete(history("e1", 1, 6)); // the history writer lags behind this frontend
    assertThat(client.frames).as("9 was delivered here: 7..9 must come first").isEmpty();
    store.complete(history("e1", 1, 9));

    assertThat(client.frames).containsExactly("subscribed:e1:3:true", "m4", "m5", "m6", "m7", "m8", "m9");
  }

  @Test
  void aSuccessfulRecoveryIsCountedBySource() {
    subscribe(service(100), "e1", 9);
    store.complete(history("e1", 1, 10));
    assertThat(metrics.scrape()).contains("fabric_recoveries_total{cloud=\"a\",node=\"n1\",outcome=\"cache\",reason=\"ok\"} 1.0");
  }

  private void subscribeFrom(Map<String, StreamPosition> since) {
    service(100).subscribe("c", since, 0, client, outcome -> bytes("subscribed:" + outcome.recovered()
        + (outcome.failure() == null ? "" : "(" + outcome.failure() + ")") + ":" + new java.util.TreeMap<>(outcome.positions().byOrigin())));
  }

  private void liveFrom(String origin, String epoch, long seq) {
    channels.dispatch("c", origin, new StreamPosition(epoch, seq), () -> bytes(origin + "-live" + seq), 0);
  }

  private static Map<String, StreamPosition> since(String originA, StreamPosition a, String originB, StreamPosition b) {
    Map<String, StreamPosition> since = new java.util.LinkedHashMap<>();
    since.put(originA, a);
    since.put(originB, b);
    return since;
  }

  @Test
  void everyOriginCloudsStreamIsRecoveredOnItsOwn() {
    subscribeFrom(since("a", new StreamPosition("e1", 4), "b", new StreamPosition("f1", 2)));
    liveFrom("b", "f1", 4);
    store.complete("c", history("e1", 1, 5));
    assertThat(client.frames).as("one reply for both origins, after both replays").isEmpty();
    store.complete("c*b", historyOf("b", "f1", 1, 3));
    liveFrom("a", "e1", 6);

    assertThat(client.frames).containsExactly("subscribed:true:{a=StreamPosition[epoch=e1, seq=4], b=StreamPosition[epoch=f1, seq=2]}",
        "m5", "b-m3", "b-live4", "a-live6");
  }

  @Test
  void oneOriginThatCannotBeRecoveredMakesTheReplyNotRecoveredWithItsReason() {
    liveFrom("b", "f2", 1);
    channels.subscribe("c", new Frames(), pos -> bytes("other"));
    liveFrom("b", "f2", 2);
    subscribeFrom(since("a", new StreamPosition("e1", 4), "b", new StreamPosition("f1", 9)));
    store.complete("c", history("e1", 1, 5));
    store.complete("c*b", historyOf("b", "f2", 1, 2)); // b's counter was lost: a new epoch
    liveFrom("b", "f2", 3);

    assertThat(client.frames).containsExactly(
        "subscribed:false(epoch-changed):{a=StreamPosition[epoch=e1, seq=4], b=StreamPosition[epoch=f2, seq=2]}",
        "m5", "b-live3");
    assertThat(metrics.scrape()).contains("reason=\"epoch-changed\"");
  }

  @Test
  void originsTheClientNeverSawStartWhereThisFrontendIs() {
    liveFrom("b", "f1", 7);
    channels.subscribe("c", new Frames(), pos -> bytes("other"));
    subscribeFrom(Map.of("a", new StreamPosition("e1", 4)));
    liveFrom("b", "f1", 8);
    store.complete("c", history("e1", 1, 4));
    liveFrom("b", "f1", 9);

    assertThat(client.frames).containsExactly(
        "subscribed:true:{a=StreamPosition[epoch=e1, seq=4], b=StreamPosition[epoch=f1, seq=8]}", "b-live9");
  }

  @Test
  void aClientAheadOfThisCloudsCopyOfAnotherCloudsStreamContinuesAfterItsOwnPosition() {
    subscribeFrom(Map.of("b", new StreamPosition("f1", 9)));
    store.complete("c*b", historyOf("b", "f1", 1, 5)); // MirrorMaker 2 has copied b's stream up to 5 so far
    for (long seq = 6; seq <= 10; seq++) {
      liveFrom("b", "f1", seq); // the copies arrive later
    }

    assertThat(client.frames).containsExactly("subscribed:true:{b=StreamPosition[epoch=f1, seq=9]}", "b-live10");
  }

  static HistorySlice historyOf(String origin, String epoch, long from, long to) {
    ChannelHistory h = new ChannelHistory();
    for (long seq = from; seq <= to; seq++) {
      h.append(epoch, new HistoryEntry(seq, 1, bytes(origin + "-m" + seq)), 1000, 0);
    }
    return h.slice();
  }

  static HistorySlice history(String epoch, long from, long to) {
    ChannelHistory h = new ChannelHistory();
    for (long seq = from; seq <= to; seq++) {
      h.append(epoch, new HistoryEntry(seq, 1, bytes("m" + seq)), 1000, 0);
    }
    return h.slice();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Records frames as text. */
  static final class Frames implements Subscriber {
    final List<String> frames = new ArrayList<>();

    @Override
    public boolean deliver(byte[] frame) {
      frames.add(new String(frame, StandardCharsets.UTF_8));
      return true;
    }
  }

  /** A store whose reads the test answers, one by one. */
  static final class ManualStore implements HistoryStore {
    final ArrayDeque<CompletableFuture<HistorySlice>> reads = new ArrayDeque<>();
    final Map<String, ArrayDeque<CompletableFuture<HistorySlice>>> readsByKey = new java.util.HashMap<>();

    @Override
    public void append(String channel, String epoch, HistoryEntry entry) {}

    @Override
    public CompletionStage<HistorySlice> read(String channel) {
      CompletableFuture<HistorySlice> f = new CompletableFuture<>();
      reads.add(f);
      readsByKey.computeIfAbsent(channel, k -> new ArrayDeque<>()).add(f);
      return f;
    }

    void complete(HistorySlice slice) {
      CompletableFuture<HistorySlice> f = reads.poll();
      readsByKey.values().forEach(q -> q.remove(f));
      f.complete(slice);
    }

    /** Answers the oldest pending read of history key {@code key}. */
    void complete(String key, HistorySlice slice) {
      CompletableFuture<HistorySlice> f = readsByKey.get(key).poll();
      reads.remove(f);
      f.complete(slice);
    }

    void fail() {
      reads.poll().completeExceptionally(new IllegalStateException("store down"));
    }

    @Override
    public boolean isWriterFor(String channel) {
      return true;
    }

    @Override
    public String describe() {
      return "manual";
    }
  }
}

package io.syncfabric.frontend.recovery;

import static io.syncfabric.frontend.recovery.RecoveryServiceTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.fanout.OriginStreams;
import io.syncfabric.frontend.history.ChannelHistory;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistorySlice;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.schema.StreamPosition;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resuming client that says since when it has been subscribed ({@code from}) gets the streams it
 * never had a position in from then on: located in the hot history by the time each message was
 * stored, or reported recovered=false when that cannot be told.
 */
class UnnamedStreamsTest {
  private static final long FROM = 1_000_000;
  private static final long BEFORE = FROM - UnnamedStreams.CLOCK_MARGIN_MS - 1;
  private static final long AFTER = FROM;

  private final ChannelTable channels = new ChannelTable();
  private final RecoveryServiceTest.ManualStore store = new RecoveryServiceTest.ManualStore();
  private final FrontendMetrics metrics = new FrontendMetrics("a", "n1");
  private final RecoveryServiceTest.Frames client = new RecoveryServiceTest.Frames();
  private final RecoveryService service = new RecoveryService(channels, new CoalescingHistoryReader(store), null, metrics,
      new OriginStreams("a", "fabric.events"), 100, Runnable::run);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void theHistoryLocatesTheLastMessageStoredBeforeTheCutoff() {
    assertThat(UnnamedStreams.inHistory(stored("e1", 3, BEFORE, BEFORE, AFTER, AFTER), "e1", FROM - UnnamedStreams.CLOCK_MARGIN_MS))
        .isEqualTo(Located.at("e1", 4));
    assertThat(UnnamedStreams.inHistory(stored("e1", 3, BEFORE, BEFORE), "e1", FROM)).as("all older")
        .isEqualTo(Located.at("e1", 4));
    assertThat(UnnamedStreams.inHistory(stored("e1", 1, AFTER, AFTER), "e1", FROM)).as("the epoch began after")
        .isEqualTo(Located.at("e1", 0));
    assertThat(UnnamedStreams.inHistory(stored("e1", 3, AFTER), "e1", FROM)).as("does not reach back").isNull();
    assertThat(UnnamedStreams.inHistory(stored("e0", 1, BEFORE), "e1", FROM)).as("another epoch").isNull();
    assertThat(UnnamedStreams.inHistory(HistorySlice.EMPTY, "e1", FROM)).isNull();
  }

  @Test
  void aStreamTheClientNeverSawIsReplayedFromWhenItSubscribed() {
    knownHere("e1", 5);
    resume(Map.of());
    HistorySlice slice = stored("e1", 1, BEFORE, BEFORE, BEFORE, AFTER, AFTER); // 4 and 5 came after it subscribed
    store.complete(slice); // locating
    store.complete(slice); // the replay
    live("e1", 6);

    // the reply names the position its replay continues after
    assertThat(client.frames).containsExactly("subscribed:true:{a=StreamPosition[epoch=e1, seq=3]}", "m4", "m5", "live6");
  }

  @Test
  void aStreamWithNothingNewSinceTheClientSubscribedReplaysNothing() {
    knownHere("e1", 2);
    resume(Map.of());
    HistorySlice slice = stored("e1", 1, BEFORE, BEFORE);
    store.complete(slice);
    store.complete(slice);

    assertThat(client.frames).containsExactly("subscribed:true:{a=StreamPosition[epoch=e1, seq=2]}");
  }

  @Test
  void withoutKafkaAHistoryThatDoesNotReachBackIsReportedAsRecoveredFalse() {
    knownHere("e1", 5);
    resume(Map.of());
    store.complete(stored("e1", 3, AFTER, AFTER, AFTER)); // 1 and 2 are gone: were they after it subscribed?
    live("e1", 6);

    assertThat(client.frames).containsExactly("subscribed:false(unavailable):{a=StreamPosition[epoch=e1, seq=5]}", "live6");
    assertThat(metrics.scrape()).contains("reason=\"unavailable\"");
  }

  @Test
  void aNamedStreamIsResumedFromItsPositionAndAnUnnamedOneFromTheTime() {
    channels.subscribe("c", new RecoveryServiceTest.Frames(), pos -> bytes("other"));
    live("e1", 4);
    channels.dispatch("c", "b", new StreamPosition("f1", 2), () -> bytes("b-live2"), 0);
    resume(Map.of("a", new StreamPosition("e1", 3)));
    store.complete("c*b", stored("f1", 1, AFTER, AFTER)); // locating b: its epoch began after
    store.complete("c", stored("e1", 1, BEFORE, BEFORE, BEFORE, BEFORE));
    store.complete("c*b", stored("f1", 1, AFTER, AFTER));

    assertThat(client.frames).containsExactly(
        "subscribed:true:{a=StreamPosition[epoch=e1, seq=3], b=StreamPosition[epoch=f1, seq=0]}", "m4", "m1", "m2");
  }

  @Test
  void fromAloneOnAChannelThisFrontendKnowsNothingOfIsAPlainSubscribe() {
    resume(Map.of());
    live("e1", 1);

    assertThat(client.frames).containsExactly("subscribed:true:{}", "live1");
  }

  private void resume(Map<String, StreamPosition> since) {
    service.subscribe("c", since, 0, FROM, client, outcome -> bytes("subscribed:" + outcome.recovered()
        + (outcome.failure() == null ? "" : "(" + outcome.failure() + ")") + ":" + new TreeMap<>(outcome.positions().byOrigin())));
  }

  /** This frontend has delivered {@code epoch} up to {@code seq} on the channel (to someone else). */
  private void knownHere(String epoch, long seq) {
    channels.subscribe("c", new RecoveryServiceTest.Frames(), pos -> bytes("other"));
    for (long s = 1; s <= seq; s++) {
      live(epoch, s);
    }
  }

  private void live(String epoch, long seq) {
    channels.dispatch("c", "a", new StreamPosition(epoch, seq), () -> bytes("live" + seq), 0);
  }

  /** A history of {@code epoch} from {@code firstSeq} on, one entry per stored-at time. */
  private static HistorySlice stored(String epoch, long firstSeq, long... storedAt) {
    ChannelHistory h = new ChannelHistory();
    for (int i = 0; i < storedAt.length; i++) {
      h.append(epoch, new HistoryEntry(firstSeq + i, storedAt[i], bytes("m" + (firstSeq + i))), 1000, 0);
    }
    return h.slice();
  }
}

package io.syncfabric.frontend.recovery;

import io.syncfabric.frontend.fanout.OriginStreams;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistorySlice;
import io.syncfabric.schema.StreamPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds where a resuming client starts in the streams of a channel it names no position in: the
 * ones this frontend knows and the client never saw (another cloud's stream that had not reached
 * its old frontend, or a stream whose first messages came while it was away). The client says
 * since when it has been subscribed ({@code from}, the {@code at} of its first {@code subscribed}
 * reply); it is owed every message published from then on. The hot history answers when it
 * reaches back to then (its entries carry the time they were stored), else one scan of the
 * stream's topic from that time.
 */
final class UnnamedStreams {
  /** How much earlier than {@code from} a message still counts: clocks of frontends in different clouds differ a little. */
  static final long CLOCK_MARGIN_MS = 1_000;

  private final CoalescingHistoryReader history;
  private final KafkaReplayer kafka;
  private final OriginStreams streams;

  UnnamedStreams(CoalescingHistoryReader history, KafkaReplayer kafka, OriginStreams streams) {
    this.history = history;
    this.streams = streams;
    this.kafka = kafka;
  }

  /** For each origin (and this frontend's position in it), where the client's replay starts; never completes exceptionally. */
  CompletableFuture<Map<String, Located>> locate(String channel, Map<String, StreamPosition> unnamed, long from) {
    long cutoff = from - CLOCK_MARGIN_MS;
    Map<String, CompletableFuture<Located>> each = new LinkedHashMap<>();
    unnamed.forEach((origin, known) -> each.put(origin, locateOne(channel, origin, known.epoch(), cutoff)
        .exceptionally(error -> Located.failed("unavailable")).toCompletableFuture()));
    return CompletableFuture.allOf(each.values().toArray(CompletableFuture[]::new)).handle((v, error) -> {
      Map<String, Located> result = new LinkedHashMap<>();
      each.forEach((origin, f) -> result.put(origin, f.getNow(Located.failed("unavailable"))));
      return result;
    });
  }

  private CompletionStage<Located> locateOne(String channel, String origin, String epoch, long cutoff) {
    return history.read(streams.historyKey(channel, origin))
        .thenCompose(slice -> {
          Located fromHistory = inHistory(slice, epoch, cutoff);
          return fromHistory != null ? CompletableFuture.completedFuture(fromHistory) : inKafka(channel, origin, epoch, cutoff);
        })
        .exceptionallyCompose(error -> inKafka(channel, origin, epoch, cutoff)); // history unavailable
  }

  /** Located from the hot history when it reaches back to {@code cutoff}, else {@code null}. */
  static Located inHistory(HistorySlice slice, String epoch, long cutoff) {
    if (slice.isEmpty() || !slice.epoch().equals(epoch)) {
      return null;
    }
    List<HistoryEntry> entries = slice.entries();
    long before = -1;
    for (HistoryEntry e : entries) {
      if (e.storedAt() >= cutoff) {
        break; // stored in seq order: the first one at or after the cutoff ends the search
      }
      before = e.seq();
    }
    if (before >= 0) {
      return Located.at(epoch, before);
    }
    return slice.firstSeq() <= 1 ? Located.at(epoch, 0) : null; // the whole epoch is newer than the cutoff
  }

  private CompletionStage<Located> inKafka(String channel, String origin, String epoch, long cutoff) {
    if (kafka == null) {
      return CompletableFuture.completedFuture(Located.failed("unavailable"));
    }
    return kafka.locate(streams.topicOf(origin), channel, epoch, cutoff);
  }
}

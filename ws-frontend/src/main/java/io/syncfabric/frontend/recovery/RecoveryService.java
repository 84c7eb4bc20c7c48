package io.syncfabric.frontend.recovery;

import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.channel.ChannelTable.RecoveryStep;
import io.syncfabric.frontend.channel.RecoveryBuffer;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistorySlice;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Subscribes a client that says where it was ({@code since}) and replays what it missed: hot
 * history first, the events topic second. Live messages that arrive meanwhile are held back, then
 * joined after the replay with no gap and no duplicate; if the two do not meet, another round
 * fetches the difference. When the gap cannot be filled the client is told {@code recovered=false}
 * with the current position, never silently skipped ahead.
 */
public final class RecoveryService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecoveryService.class);
  /** Rounds of "fetch the rest" before giving up on joining replay and live stream. */
  static final int MAX_ROUNDS = 6;
  /** Rounds a client that is ahead of this frontend (it came from a faster one) may wait for it. */
  static final int MAX_AHEAD_ROUNDS = 50;

  private final ChannelTable channels;
  private final CoalescingHistoryReader history;
  private final KafkaReplayer kafka;
  private final FrontendMetrics metrics;
  private final int maxMessages;
  private final Executor nextRound;

  /**
   * @param kafka the fallback replay source, or null for none
   * @param nextRound runs the next fetch round (production: after a short delay, so the history
   *     writer or this frontend's reader can catch up; tests: at once)
   */
  public RecoveryService(ChannelTable channels, CoalescingHistoryReader history, KafkaReplayer kafka,
      FrontendMetrics metrics, int maxMessages, Executor nextRound) {
    this.channels = channels;
    this.history = history;
    this.kafka = kafka;
    this.metrics = metrics;
    this.maxMessages = maxMessages;
    this.nextRound = nextRound;
  }

  /** The production round delay. */
  public static Executor roundDelay() {
    return CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the recovering subscription. {@code reply} builds the {@code subscribed} frame from the
   * position the client continues after and whether it was recovered.
   */
  public void subscribe(String channel, StreamPosition since, long timestampHint, Subscriber subscriber,
      BiFunction<StreamPosition, Boolean, byte[]> reply) {
    long started = System.nanoTime();
    RecoveryBuffer buffer = channels.beginRecovery(channel, subscriber, maxMessages);
    new Attempt(channel, since, timestampHint, buffer, reply, started).fetch();
  }

  /** The messages missed after {@code after}, from the hot history when it covers them, else Kafka. */
  CompletionStage<Replay> missedAfter(String channel, StreamPosition after, long timestampHint, boolean skipHistory) {
    if (skipHistory) {
      return fromKafka(channel, after, timestampHint);
    }
    return history.read(channel)
        .thenCompose(slice -> fromHistory(channel, slice, after, timestampHint))
        .exceptionallyCompose(error -> fromKafka(channel, after, timestampHint)); // history unavailable
  }

  private CompletionStage<Replay> fromHistory(String channel, HistorySlice slice, StreamPosition after, long hint) {
    if (slice.covers(after.epoch(), after.seq())) {
      List<HistoryEntry> entries = slice.after(after.seq(), maxMessages + 1);
      if (entries.size() > maxMessages) {
        return CompletableFuture.completedFuture(Replay.failed("too-large", top(slice), "cache"));
      }
      return CompletableFuture.completedFuture(Replay.ok(
          entries.stream().map(e -> new Replay.Message(e.seq(), e.frame())).toList(), top(slice), "cache"));
    }
    if (!slice.isEmpty() && !slice.epoch().equals(after.epoch())) {
      return CompletableFuture.completedFuture(Replay.failed("epoch-changed", top(slice), "cache"));
    }
    return fromKafka(channel, after, hint);
  }

  private CompletionStage<Replay> fromKafka(String channel, StreamPosition after, long hint) {
    if (kafka == null) {
      return CompletableFuture.completedFuture(Replay.failed("unavailable", null, "kafka"));
    }
    return kafka.replay(channel, after, hint, maxMessages);
  }

  private static StreamPosition top(HistorySlice slice) {
    return slice.isEmpty() ? null : new StreamPosition(slice.epoch(), slice.lastSeq());
  }

  /** One recovering subscription, possibly over several fetch rounds. */
  private final class Attempt {
    final String channel;
    final StreamPosition since;
    final long hint;
    final RecoveryBuffer buffer;
    final BiFunction<StreamPosition, Boolean, byte[]> reply;
    final long started;
    final List<Replay.Message> collected = new ArrayList<>();
    StreamPosition reached;
    String source = "cache";
    boolean preferKafka;
    int round;

    Attempt(String channel, StreamPosition since, long hint, RecoveryBuffer buffer,
        BiFunction<StreamPosition, Boolean, byte[]> reply, long started) {
      this.channel = channel;
      this.since = since;
      this.hint = hint;
      this.buffer = buffer;
      this.reply = reply;
      this.started = started;
      this.reached = since;
    }

    void fetch() {
      round++;
      missedAfter(channel, reached, hint, preferKafka).whenComplete((replay, error) -> {
        Replay r = error != null ? Replay.failed("unavailable", null, "kafka") : replay;
        try {
          if (channels.finishRecovery(channel, buffer, b -> decide(r, b)) == RecoveryStep.CONTINUE) {
            nextRound.execute(this::fetch);
          }
        } catch (RuntimeException e) {
          // never leave a subscriber waiting forever for its reply
          log.warn("recovery of {} failed unexpectedly", channel, e);
          channels.finishRecovery(channel, buffer, b -> giveUp("internal", null, b));
        }
      });
    }

    /** Runs under the channel lock: joins replay and held live messages, or gives up honestly. */
    RecoveryStep decide(Replay replay, RecoveryBuffer b) {
      if (!replay.succeeded()) {
        return giveUp(replay.failure(), replay.top(), b);
      }
      if ("kafka".equals(replay.source())) {
        source = "kafka";
      }
      for (Replay.Message m : replay.messages()) {
        if (m.seq() <= reached.seq()) {
          continue;
        }
        if (m.seq() != reached.seq() + 1) {
          return giveUp("gap", replay.top(), b);
        }
        collected.add(m);
        reached = new StreamPosition(reached.epoch(), m.seq());
      }
      if (b.overflowed() || collected.size() > maxMessages) {
        return giveUp("too-large", replay.top(), b);
      }
      if (b.liveAtStart() != null && !b.liveAtStart().epoch().equals(since.epoch())) {
        return giveUp("epoch-changed", b.liveAtStart(), b); // this frontend already streams a newer epoch
      }
      // Everything this frontend delivered before (liveAtStart) or held since must be reached
      // first: live messages continue right after it.
      long target = seqIn(b.liveAtStart());
      List<RecoveryBuffer.Held> live = new ArrayList<>();
      StreamPosition joined = reached;
      boolean gap = false;
      for (RecoveryBuffer.Held h : b.held()) {
        if (!h.position().epoch().equals(since.epoch())) {
          return giveUp("epoch-changed", h.position(), b);
        }
        target = Math.max(target, h.position().seq());
        if (gap || h.position().seq() <= joined.seq()) {
          continue;
        }
        if (h.position().seq() != joined.seq() + 1) {
          gap = true;
          continue;
        }
        live.add(h);
        joined = h.position();
      }
      if (joined.seq() < target) {
        // the replay did not reach what this frontend already streams: fetch the difference from
        // Kafka (the history may lag behind this frontend)
        preferKafka = kafka != null && "cache".equals(replay.source());
        return round < MAX_ROUNDS ? RecoveryStep.CONTINUE : giveUp("gap", b.lastLive(), b);
      }
      if (since.seq() > target && since.seq() > seqIn(replay.top())) {
        boolean sameEpochOrUnknown = replay.top() == null || replay.top().epoch().equals(since.epoch());
        if ("kafka".equals(replay.source()) || !sameEpochOrUnknown) {
          return giveUp("ahead", replay.top(), b); // Kafka had everything already read anywhere
        }
        // the client saw more than this frontend and its history have yet (it came from a faster
        // frontend): wait for them
        return round < MAX_AHEAD_ROUNDS ? RecoveryStep.CONTINUE : giveUp("ahead", replay.top(), b);
      }
      Subscriber s = b.subscriber();
      s.deliver(reply.apply(since, true));
      collected.forEach(m -> s.deliver(m.frame()));
      live.forEach(h -> s.deliver(h.frame()));
      b.deliveredUpTo(joined); // live messages up to here are skipped for this subscriber
      metrics.recovered(source, collected.size() + live.size(), System.nanoTime() - started);
      return RecoveryStep.LIVE;
    }

    /** The seq of a position in the client's epoch, 0 for none or another epoch. */
    private long seqIn(StreamPosition p) {
      return p != null && p.epoch().equals(since.epoch()) ? p.seq() : 0;
    }

    private RecoveryStep giveUp(String reason, StreamPosition top, RecoveryBuffer b) {
      // The client continues after the newest live message: the live stream picks up from there.
      StreamPosition current = b.lastLive() != null ? b.lastLive() : b.liveAtStart() != null ? b.liveAtStart() : top;
      b.subscriber().deliver(reply.apply(current, false));
      if (current != null) {
        b.deliveredUpTo(current); // the client continues after current: nothing at or before it
      }
      metrics.recoveryFailed(reason);
      return RecoveryStep.LIVE;
    }
  }
}

package io.syncfabric.frontend.recovery;

import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.channel.ChannelTable.RecoveryStep;
import io.syncfabric.frontend.channel.Positions;
import io.syncfabric.frontend.channel.RecoveryBuffer;
import io.syncfabric.frontend.fanout.OriginStreams;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistorySlice;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Subscribes a client that says where it was ({@code since}: its last position in each origin
 * cloud's stream of the channel) and replays what it missed: hot history first, the events topic
 * (or its mirrored copy) second. Live messages that arrive meanwhile are held back, then joined
 * after the replay with no gap and no duplicate; if the two do not meet, another round fetches the
 * difference. When a gap cannot be filled the client is told {@code recovered=false} with the
 * reason and the current positions, never silently skipped ahead.
 */
public final class RecoveryService {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecoveryService.class);
  /** Rounds of "fetch the rest" before giving up on joining replay and live stream. */
  static final int MAX_ROUNDS = 6;
  /** Rounds a client that is ahead of this frontend (it came from a faster one) may wait for it. */
  static final int MAX_AHEAD_ROUNDS = 50;

  /** What the {@code subscribed} reply says. */
  public record Outcome(Positions positions, String primaryOrigin, boolean recovered, String failure) {
    /** The position single-position clients continue after. */
    public StreamPosition primary() {
      return positions.of(primaryOrigin);
    }
  }

  private final ChannelTable channels;
  private final CoalescingHistoryReader history;
  private final KafkaReplayer kafka;
  private final FrontendMetrics metrics;
  private final OriginStreams streams;
  private final int maxMessages;
  private final Executor nextRound;
  private final UnnamedStreams unnamedStreams;

  /**
   * @param kafka the fallback replay source, or null for none
   * @param nextRound runs the next fetch round (production: after a short delay, so the history
   *     writer or this frontend's reader can catch up; tests: at once)
   */
  public RecoveryService(ChannelTable channels, CoalescingHistoryReader history, KafkaReplayer kafka,
      FrontendMetrics metrics, OriginStreams streams, int maxMessages, Executor nextRound) {
    this.channels = channels;
    this.history = history;
    this.kafka = kafka;
    this.metrics = metrics;
    this.streams = streams;
    this.maxMessages = maxMessages;
    this.nextRound = nextRound;
    this.unnamedStreams = new UnnamedStreams(history, kafka, streams);
  }

  /** The production round delay. */
  public static Executor roundDelay() {
    return CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the recovering subscription. {@code since} maps origin → last position seen (at least
   * one; the first is the primary). {@code reply} builds the {@code subscribed} frame.
   */
  public void subscribe(String channel, Map<String, StreamPosition> since, long timestampHint, Subscriber subscriber,
      Function<Outcome, byte[]> reply) {
    subscribe(channel, since, timestampHint, 0, subscriber, reply);
  }

  /**
   * As above; with {@code from} (epoch ms since when the client has been subscribed, 0 for not
   * known) the streams this frontend knows and {@code since} does not name are replayed from
   * the first message published at or after it ({@link UnnamedStreams}). {@code since} may then be
   * empty: a client that never had a position in any stream of the channel.
   */
  public void subscribe(String channel, Map<String, StreamPosition> since, long timestampHint, long from,
      Subscriber subscriber, Function<Outcome, byte[]> reply) {
    if (since.isEmpty() && from <= 0) {
      throw new IllegalArgumentException("since names no origin and from is not given");
    }
    long started = System.nanoTime();
    RecoveryBuffer buffer = channels.beginRecovery(channel, subscriber, maxMessages);
    Map<String, StreamPosition> unnamed = new LinkedHashMap<>();
    if (from > 0) {
      buffer.liveAtStart().byOrigin().forEach((origin, position) -> {
        if (!since.containsKey(origin)) {
          unnamed.put(origin, position);
        }
      });
    }
    long hint = unnamed.isEmpty() || (timestampHint > 0 && timestampHint < from) ? timestampHint : from;
    Attempt attempt = new Attempt(channel, since, hint, buffer, reply, started);
    if (unnamed.isEmpty()) {
      attempt.fetch();
      return;
    }
    unnamedStreams.locate(channel, unnamed, from).whenComplete((located, error) -> {
      try {
        attempt.addLocated(located != null ? located : Map.of(), unnamed);
      } catch (RuntimeException e) {
        log.warn("locating the streams {} does not name failed unexpectedly", channel, e); // they start where this frontend is
      }
      attempt.fetch(); // always: the client waits for its reply
    });
  }

  /** The messages of {@code origin} missed after {@code after}, from the hot history when it covers them, else Kafka. */
  CompletionStage<Replay> missedAfter(String channel, String origin, StreamPosition after, long hint, boolean skipHistory) {
    if (skipHistory) {
      return fromKafka(channel, origin, after, hint);
    }
    return history.read(streams.historyKey(channel, origin))
        .thenCompose(slice -> fromHistory(channel, origin, slice, after, hint))
        .exceptionallyCompose(error -> fromKafka(channel, origin, after, hint)); // history unavailable
  }

  private CompletionStage<Replay> fromHistory(String channel, String origin, HistorySlice slice, StreamPosition after, long hint) {
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
    return fromKafka(channel, origin, after, hint);
  }

  private CompletionStage<Replay> fromKafka(String channel, String origin, StreamPosition after, long hint) {
    if (kafka == null) {
      return CompletableFuture.completedFuture(Replay.failed("unavailable", null, "kafka"));
    }
    return kafka.replay(streams.topicOf(origin), channel, after, hint, maxMessages);
  }

  private static StreamPosition top(HistorySlice slice) {
    return slice.isEmpty() ? null : new StreamPosition(slice.epoch(), slice.lastSeq());
  }

  /** One recovering subscription over every origin it names, possibly over several fetch rounds. */
  private final class Attempt {
    final String channel;
    final long hint;
    final RecoveryBuffer buffer;
    final Function<Outcome, byte[]> reply;
    final long started;
    final String primaryOrigin;
    final Map<String, OriginRecovery> origins = new LinkedHashMap<>();
    /** The client's session id (set on its I/O thread): later rounds log from other threads. */
    final String session = org.slf4j.MDC.get("session");
    int round;

    Attempt(String channel, Map<String, StreamPosition> since, long hint, RecoveryBuffer buffer,
        Function<Outcome, byte[]> reply, long started) {
      this.channel = channel;
      this.hint = hint;
      this.buffer = buffer;
      this.reply = reply;
      this.started = started;
      this.primaryOrigin = since.isEmpty() ? null : since.keySet().iterator().next();
      since.forEach((origin, position) -> origins.put(origin, originRecovery(origin, position)));
    }

    private OriginRecovery originRecovery(String origin, StreamPosition after) {
      return new OriginRecovery(origin, after, maxMessages, kafka != null, !origin.equals(streams.localCloud()));
    }

    /** Streams the client did not name, recovered from where {@link UnnamedStreams} located its start. */
    void addLocated(Map<String, Located> located, Map<String, StreamPosition> atStart) {
      located.forEach((origin, where) -> {
        StreamPosition known = atStart.get(origin);
        OriginRecovery o = originRecovery(origin, where.after() != null ? where.after() : known);
        if (where.failure() != null) {
          o.fail(where.failure(), null); // answered at this frontend's position in it, recovered=false
        }
        origins.put(origin, o);
      });
    }

    void fetch() {
      round++;
      List<CompletableFuture<Void>> fetches = new ArrayList<>();
      for (OriginRecovery o : origins.values()) {
        if (o.wantsFetch()) {
          fetches.add(missedAfter(channel, o.origin, o.reached, hint, o.preferKafka)
              .handle((replay, error) -> {
                o.fetched(error != null ? Replay.failed("unavailable", null, "kafka") : replay);
                return (Void) null;
              }).toCompletableFuture());
        }
      }
      CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
        try {
          if (channels.finishRecovery(channel, buffer, this::decide) == RecoveryStep.CONTINUE) {
            nextRound.execute(this::fetch);
          }
        } catch (RuntimeException e) {
          // never leave a subscriber waiting forever for its reply
          try (var named = session == null ? null : org.slf4j.MDC.putCloseable("session", session)) {
            log.warn("recovery of {} failed unexpectedly", channel, e);
          }
          origins.values().forEach(o -> o.fail("internal", null));
          channels.finishRecovery(channel, buffer, b -> deliver(b));
        }
      });
    }

    /** Runs under the channel lock: joins replay and held live messages per origin, or gives up honestly. */
    RecoveryStep decide(RecoveryBuffer b) {
      boolean more = false;
      for (OriginRecovery o : origins.values()) {
        OriginRecovery.Step step = o.evaluate(b);
        if (step == OriginRecovery.Step.CONTINUE) {
          if (round < o.roundLimit()) {
            more = true;
          } else {
            o.fail(o.continueReason(), o.lastTop());
          }
        }
      }
      return more ? RecoveryStep.CONTINUE : deliver(b);
    }

    /** Sends the reply, then per origin the replay and the held messages that follow it. */
    private RecoveryStep deliver(RecoveryBuffer b) {
      Map<String, StreamPosition> positions = new HashMap<>();
      String failure = null;
      for (OriginRecovery o : origins.values()) {
        StreamPosition p = o.joined() ? o.since : current(b, o.origin, o.failedTop());
        if (!o.joined() && failure == null) {
          failure = o.failure();
        }
        if (p != null) {
          positions.put(o.origin, p);
        }
      }
      // Origins the client did not name start where this frontend is now, as on a plain subscribe.
      List<String> others = new ArrayList<>();
      b.liveAtStart().byOrigin().keySet().stream().filter(k -> !origins.containsKey(k)).forEach(others::add);
      b.liveOrigins().stream().filter(k -> !origins.containsKey(k) && !others.contains(k)).forEach(others::add);
      for (String origin : others) {
        positions.put(origin, current(b, origin, null));
      }
      Subscriber s = b.subscriber();
      String primary = primaryOrigin != null ? primaryOrigin
          : origins.isEmpty() ? b.liveAtStart().latestOrigin() : origins.keySet().iterator().next();
      s.deliver(reply.apply(new Outcome(new Positions(positions, primary), primary, failure == null, failure)));
      int replayed = 0;
      String source = "cache";
      for (OriginRecovery o : origins.values()) {
        if (o.joined()) {
          replayed += o.deliverTo(s);
          b.deliveredUpTo(o.origin, o.joinedAt());
          if ("kafka".equals(o.source)) {
            source = "kafka";
          }
        } else if (positions.get(o.origin) != null) {
          b.deliveredUpTo(o.origin, positions.get(o.origin)); // it continues after current: nothing at or before it
        }
      }
      for (String origin : others) {
        b.deliveredUpTo(origin, positions.get(origin));
      }
      if (failure == null) {
        metrics.recovered(source, replayed, System.nanoTime() - started);
      } else {
        metrics.recoveryFailed(failure);
      }
      return RecoveryStep.LIVE;
    }

    /** Where a client that gives up on {@code origin}'s gap continues: after the newest live message. */
    private StreamPosition current(RecoveryBuffer b, String origin, StreamPosition top) {
      StreamPosition live = b.lastLive(origin);
      if (live != null) {
        return live;
      }
      StreamPosition atStart = b.liveAtStart().of(origin);
      return atStart != null ? atStart : top;
    }
  }
}

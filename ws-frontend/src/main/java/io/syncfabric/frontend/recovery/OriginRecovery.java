package io.syncfabric.frontend.recovery;

import io.syncfabric.frontend.channel.RecoveryBuffer;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The recovery of one origin's stream of a channel: what was replayed so far, where it reached, and
 * whether it joins the live messages held back for that origin. Evaluated under the channel lock by
 * {@link RecoveryService}; each origin's stream has its own epoch and seq, so each joins alone.
 */
final class OriginRecovery {
  enum Step { JOINED, CONTINUE, FAILED }

  final String origin;
  final StreamPosition since;
  private final int maxMessages;
  private final boolean kafkaAvailable;
  /** Another cloud's stream, which reaches this cloud through MirrorMaker 2. */
  private final boolean remote;
  private final List<Replay.Message> collected = new ArrayList<>();
  private List<RecoveryBuffer.Held> live = List.of();
  StreamPosition reached;
  String source = "cache";
  boolean preferKafka;
  private Replay pending;
  private StreamPosition lastTop;
  private Step step;
  private StreamPosition joinedAt;
  private String failure;
  private StreamPosition failedTop;
  private String continueReason = "gap";
  private int roundLimit = RecoveryService.MAX_ROUNDS;

  OriginRecovery(String origin, StreamPosition since, int maxMessages, boolean kafkaAvailable, boolean remote) {
    this.remote = remote;
    this.origin = origin;
    this.since = since;
    this.reached = since;
    this.maxMessages = maxMessages;
    this.kafkaAvailable = kafkaAvailable;
  }

  /** True until this origin has failed or joined without a round still asking for more. */
  boolean wantsFetch() {
    return step == null || step == Step.CONTINUE;
  }

  void fetched(Replay replay) {
    pending = replay;
  }

  /** Joins what was fetched with the held live messages of this origin. */
  Step evaluate(RecoveryBuffer b) {
    if (step == Step.FAILED) {
      return step;
    }
    Replay replay = pending != null ? pending : Replay.ok(List.of(), lastTop, source);
    pending = null;
    if (!replay.succeeded()) {
      return fail(replay.failure(), replay.top());
    }
    lastTop = replay.top();
    if ("kafka".equals(replay.source())) {
      source = "kafka";
    }
    for (Replay.Message m : replay.messages()) {
      if (m.seq() <= reached.seq()) {
        continue;
      }
      if (m.seq() != reached.seq() + 1) {
        return fail("gap", replay.top());
      }
      collected.add(m);
      reached = new StreamPosition(reached.epoch(), m.seq());
    }
    if (b.overflowed() || collected.size() > maxMessages) {
      return fail("too-large", replay.top());
    }
    StreamPosition atStart = b.liveAtStart().of(origin);
    if (atStart != null && !atStart.epoch().equals(since.epoch())) {
      return fail("epoch-changed", atStart); // this frontend already streams a newer epoch
    }
    // Everything this frontend delivered before (atStart) or held since must be reached first:
    // live messages continue right after it.
    long target = seqIn(atStart);
    List<RecoveryBuffer.Held> joinedLive = new ArrayList<>();
    StreamPosition joined = reached;
    boolean gap = false;
    for (RecoveryBuffer.Held h : b.held()) {
      if (!h.origin().equals(origin)) {
        continue;
      }
      if (!h.position().epoch().equals(since.epoch())) {
        return fail("epoch-changed", h.position());
      }
      target = Math.max(target, h.position().seq());
      if (gap || h.position().seq() <= joined.seq()) {
        continue;
      }
      if (h.position().seq() != joined.seq() + 1) {
        gap = true;
        continue;
      }
      joinedLive.add(h);
      joined = h.position();
    }
    if (joined.seq() < target) {
      // the replay did not reach what this frontend already streams: fetch the difference from
      // Kafka (the history may lag behind this frontend)
      preferKafka = kafkaAvailable && "cache".equals(replay.source());
      return keepGoing("gap", RecoveryService.MAX_ROUNDS);
    }
    if (since.seq() > target && since.seq() > seqIn(replay.top())) {
      boolean sameEpochOrUnknown = replay.top() == null || replay.top().epoch().equals(since.epoch());
      if (remote && sameEpochOrUnknown) {
        // This cloud's copy of another cloud's stream lags the cloud the client came from (or that
        // cloud is down and its last messages are not copied yet): nothing is missing for the
        // client, it continues after its own position, and the copies up to it are skipped for it.
        live = List.of();
        joinedAt = since;
        return step = Step.JOINED;
      }
      if ("kafka".equals(replay.source()) || !sameEpochOrUnknown) {
        return fail("ahead", replay.top()); // Kafka had everything already read anywhere
      }
      // the client saw more than this frontend and its history have yet (it came from a faster
      // frontend): wait for them
      return keepGoing("ahead", RecoveryService.MAX_AHEAD_ROUNDS);
    }
    live = joinedLive;
    joinedAt = joined;
    return step = Step.JOINED;
  }

  /** Enqueues the replayed then the held messages; returns how many. */
  int deliverTo(Subscriber s) {
    collected.forEach(m -> s.deliver(m.frame()));
    live.forEach(h -> s.deliver(h.frame()));
    return collected.size() + live.size();
  }

  Step fail(String reason, StreamPosition top) {
    failure = reason;
    failedTop = top;
    return step = Step.FAILED;
  }

  private Step keepGoing(String reason, int limit) {
    continueReason = reason;
    roundLimit = limit;
    return step = Step.CONTINUE;
  }

  boolean joined() {
    return step == Step.JOINED;
  }

  StreamPosition joinedAt() {
    return joinedAt;
  }

  String failure() {
    return failure;
  }

  StreamPosition failedTop() {
    return failedTop;
  }

  StreamPosition lastTop() {
    return lastTop;
  }

  String continueReason() {
    return continueReason;
  }

  int roundLimit() {
    return roundLimit;
  }

  /** The seq of a position in the client's epoch, 0 for none or another epoch. */
  private long seqIn(StreamPosition p) {
    return p != null && p.epoch().equals(since.epoch()) ? p.seq() : 0;
  }
}

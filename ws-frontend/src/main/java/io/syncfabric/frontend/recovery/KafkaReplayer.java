package io.syncfabric.frontend.recovery;

import io.syncfabric.config.KafkaClientSecurity;
import io.syncfabric.frontend.protocol.MessageFrames;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.schema.InvalidEnvelopeException;
import io.syncfabric.schema.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds missed messages in the events topic (or, for another cloud's stream, in its mirrored copy)
 * when the hot history cannot. One consumer and one thread per frontend, whatever the number of
 * recovering clients: requests queue up, and all requests for the same topic, channel and epoch
 * that are waiting together are served by one scan of the channel's partition (the sequencer keys
 * events by channel, so a channel lives in one partition; MirrorMaker 2 keeps partition numbers).
 *
 * <p>The scan starts at the client's last message timestamp (or the epoch's creation time) minus a
 * margin, and moves earlier until it sees the channel's messages at or before the one after the
 * client's position: only then is "nothing missing" proven. What it cannot prove it reports as a
 * failure, never as an empty success.
 */
public final class KafkaReplayer implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaReplayer.class);
  private static final int QUEUE_LIMIT = 100_000;
  /** One scan gives up (recovered=false) after this long, e.g. behind a transaction that never ends. */
  static final Duration SCAN_TIME_LIMIT = Duration.ofSeconds(30);

  private final long marginMs;
  private final long maxScanRecords;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BlockingQueue<ReplayerTask> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
  private final LongAdder scans = new LongAdder();
  private volatile boolean running = true;

  public KafkaReplayer(String bootstrap, KafkaClientSecurity security, String clientId, long marginMs, long maxScanRecords) {
    this.marginMs = marginMs;
    this.maxScanRecords = maxScanRecords;
    this.consumer = new KafkaConsumer<>(security.applyTo(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
        // scans read up to a known end offset: never park in a fetch waiting for more
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Queues a request for {@code channel}'s messages in {@code topic}; completes with the replay or a failure, never exceptionally. */
  public CompletableFuture<Replay> replay(String topic, String channel, StreamPosition after, long timestampHint, int max) {
    CompletableFuture<Replay> result = new CompletableFuture<>();
    if (!running) {
      result.complete(Replay.failed("unavailable", null, "kafka"));
      return result;
    }
    if (!queue.offer(new ReplayRequest(topic, channel, after, timestampHint, max, result))) {
      result.complete(Replay.failed("busy", null, "kafka"));
    }
    return result;
  }

  /**
   * Queues a request for the first message of {@code channel}'s {@code epoch} in {@code topic}
   * stamped at or after {@code cutoffMs}: a client is owed the stream from there. Completes with
   * the position before it, with {@link Located#nothingSince()}, or a failure; never exceptionally.
   */
  public CompletableFuture<Located> locate(String topic, String channel, String epoch, long cutoffMs) {
    CompletableFuture<Located> result = new CompletableFuture<>();
    if (!running) {
      result.complete(Located.failed("unavailable"));
      return result;
    }
    if (!queue.offer(new LocateRequest(topic, channel, epoch, cutoffMs, result))) {
      result.complete(Located.failed("busy"));
    }
    return result;
  }

  /** Partition scans done so far (coalesced requests share one). */
  public long scans() {
    return scans.sum();
  }

  @Override
  public void run() {
    while (running) {
      List<ReplayerTask> batch = new ArrayList<>();
      try {
        ReplayerTask first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        Map<String, List<ReplayRequest>> groups = new LinkedHashMap<>();
        Map<String, List<LocateRequest>> locates = new LinkedHashMap<>();
        for (ReplayerTask task : batch) {
          if (task instanceof ReplayRequest r) {
            groups.computeIfAbsent(r.topic() + "\u0000" + r.channel() + "\u0000" + r.after().epoch(), k -> new ArrayList<>()).add(r);
          } else if (task instanceof LocateRequest l) {
            locates.computeIfAbsent(l.topic() + "\u0000" + l.channel() + "\u0000" + l.epoch(), k -> new ArrayList<>()).add(l);
          }
        }
        for (List<ReplayRequest> group : groups.values()) {
          serve(group);
        }
        for (List<LocateRequest> group : locates.values()) {
          serveLocate(group);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        batch.forEach(KafkaReplayer::unavailable);
        break; // closing
      } catch (RuntimeException e) {
        log.warn("kafka replay failed", e);
        batch.forEach(KafkaReplayer::unavailable);
      }
    }
    queue.forEach(KafkaReplayer::unavailable);
    consumer.close(Duration.ofSeconds(5));
  }

  /** Answers a task that cannot be served; one already answered keeps its answer. */
  private static void unavailable(ReplayerTask task) {
    if (task instanceof ReplayRequest r) {
      r.result().complete(Replay.failed("unavailable", null, "kafka"));
    } else if (task instanceof LocateRequest l) {
      l.result().complete(Located.failed("unavailable"));
    }
  }

  /**
   * One scan from the earliest cutoff of the group to the end: each request's answer is the
   * message before the first one of its epoch stamped at or after its cutoff (a sequencer's
   * records are stamped in order, and MirrorMaker 2 keeps the stamps).
   */
  private void serveLocate(List<LocateRequest> group) {
    LocateRequest first = group.get(0);
    TopicPartition tp = partitionOf(first.topic(), first.channel());
    if (tp == null) {
      group.forEach(l -> l.result().complete(Located.failed("not-found")));
      return;
    }
    long cutoff = group.stream().mapToLong(LocateRequest::cutoffMs).min().orElseThrow();
    consumer.assign(List.of(tp));
    long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
    long end = consumer.endOffsets(List.of(tp)).get(tp);
    long start = Math.max(begin, offsetFor(tp, cutoff, end));
    List<long[]> stamped = new ArrayList<>(); // {seq, timestamp} of the channel's messages in the epoch
    boolean limitHit = !scanChannel(tp, start, end, first.channel(), (e, timestamp) -> {
      if (e.getEpoch().equals(first.epoch())) {
        stamped.add(new long[] {e.getSeq(), timestamp});
      }
    });
    for (LocateRequest l : group) {
      if (limitHit) {
        l.result().complete(Located.failed("scan-limit"));
        continue;
      }
      Located answer = Located.nothingSince();
      for (long[] m : stamped) {
        if (m[1] >= l.cutoffMs()) {
          answer = Located.at(l.epoch(), m[0] - 1);
          break;
        }
      }
      l.result().complete(answer);
    }
  }

  /** The partition of {@code topic} holding {@code channel} (the sequencer keys events by channel), null when the topic is unknown. */
  private TopicPartition partitionOf(String topic, String channel) {
    List<org.apache.kafka.common.PartitionInfo> partitions = consumer.partitionsFor(topic); // cached metadata: sees added partitions
    if (partitions == null || partitions.isEmpty()) {
      return null;
    }
    return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(channel.getBytes(StandardCharsets.UTF_8))) % partitions.size());
  }

  private void serve(List<ReplayRequest> group) {
    String topic = group.get(0).topic();
    String channel = group.get(0).channel();
    String epoch = group.get(0).after().epoch();
    long minAfter = group.stream().mapToLong(r -> r.after().seq()).min().orElseThrow();
    long hint = group.stream().mapToLong(ReplayRequest::timestampHint).min().orElseThrow();
    int max = group.stream().mapToInt(ReplayRequest::max).max().orElseThrow();
    TopicPartition tp = partitionOf(topic, channel);
    if (tp == null) {
      group.forEach(r -> r.result().complete(Replay.failed("not-found", null, "kafka")));
      return;
    }
    consumer.assign(List.of(tp));
    long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
    long end = consumer.endOffsets(List.of(tp)).get(tp);

    Scan scan = null;
    for (long back : new long[] {marginMs, marginMs * 8, marginMs * 64, Long.MAX_VALUE}) {
      long start = back == Long.MAX_VALUE ? begin : offsetFor(tp, hint - back, end);
      scan = scan(tp, Math.max(start, begin), end, channel, epoch, minAfter, max);
      if (scan.proves(minAfter) || start <= begin || scan.limitHit) {
        break;
      }
    }
    for (ReplayRequest r : group) {
      r.result().complete(scan.answer(r, epoch));
    }
  }

  private long offsetFor(TopicPartition tp, long timestamp, long end) {
    OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, Math.max(0, timestamp))).get(tp);
    return found == null ? end : found.offset();
  }

  private Scan scan(TopicPartition tp, long start, long end, String channel, String epoch, long minAfter, int max) {
    Scan scan = new Scan();
    scan.limitHit = !scanChannel(tp, start, end, channel, (e, timestamp) -> scan.add(e, epoch, minAfter, max));
    return scan;
  }

  /**
   * Hands {@code channel}'s events between {@code start} and {@code end} to {@code each} with their
   * record timestamps; false when the record or time limit stopped it first.
   */
  private boolean scanChannel(TopicPartition tp, long start, long end, String channel,
      java.util.function.BiConsumer<Envelope, Long> each) {
    scans.increment();
    consumer.seek(tp, start);
    long scanned = 0;
    long deadline = System.nanoTime() + SCAN_TIME_LIMIT.toNanos();
    byte[] key = channel.getBytes(StandardCharsets.UTF_8);
    // short polls: the last offsets before the end are often transaction markers, which a long
    // poll would sit on until its timeout, once per scan
    while (consumer.position(tp) < end && scanned < maxScanRecords && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(10))) {
        if (record.offset() >= end) {
          break;
        }
        scanned++;
        if (record.key() == null || !java.util.Arrays.equals(record.key(), key)) {
          continue;
        }
        try {
          each.accept(EnvelopeCodec.decode(record.value()), record.timestamp());
        } catch (InvalidEnvelopeException ignored) {
          // counted by the live reader; nothing to replay from it
        }
      }
    }
    return consumer.position(tp) >= end;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup(); // ends a scan in progress
  }

  /** What one scan found for a channel. */
  private static final class Scan {
    final List<Replay.Message> inEpoch = new ArrayList<>();
    long firstInEpoch = -1;
    StreamPosition otherEpochTop;
    StreamPosition top;
    boolean tooMany;
    boolean limitHit;

    void add(Envelope e, String epoch, long minAfter, int max) {
      top = new StreamPosition(e.getEpoch(), e.getSeq());
      if (!e.getEpoch().equals(epoch)) {
        otherEpochTop = top;
        return;
      }
      if (firstInEpoch < 0) {
        firstInEpoch = e.getSeq();
      }
      if (e.getSeq() > minAfter) {
        if (inEpoch.size() > max) {
          tooMany = true;
          return;
        }
        inEpoch.add(new Replay.Message(e.getSeq(), MessageFrames.encode(e)));
      }
    }

    /** True when the scan reached back to (or before) the message right after {@code after}. */
    boolean proves(long after) {
      return firstInEpoch >= 0 && firstInEpoch <= after + 1;
    }

    Replay answer(ReplayRequest r, String epoch) {
      long after = r.after().seq();
      if (limitHit) {
        return Replay.failed("scan-limit", top, "kafka");
      }
      if (!proves(after)) {
        if (firstInEpoch >= 0) {
          return Replay.failed("retention", top, "kafka");
        }
        return Replay.failed(otherEpochTop != null ? "epoch-changed" : "not-found", top, "kafka");
      }
      List<Replay.Message> mine = inEpoch.stream().filter(m -> m.seq() > after).toList();
      if (tooMany || mine.size() > r.max()) {
        return Replay.failed("too-large", top, "kafka");
      }
      long expect = after + 1;
      for (Replay.Message m : mine) {
        if (m.seq() != expect++) {
          return Replay.failed("retention", top, "kafka"); // a hole: never hand out a gap
        }
      }
      return Replay.ok(mine, top, "kafka");
    }
  }
}

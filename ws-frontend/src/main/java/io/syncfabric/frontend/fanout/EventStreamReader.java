package io.syncfabric.frontend.fanout;

import io.syncfabric.config.KafkaClientSecurity;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.history.HistoryStore;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.protocol.MessageFrames;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.schema.InvalidEnvelopeException;
import io.syncfabric.schema.StreamPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the events topic and of every cloud's mirrored copy of it
 * ({@code b.fabric.events}, picked up as clouds appear), with no consumer group: every frontend
 * needs every message. Each envelope goes to the local subscribers under its origin cloud's stream,
 * so a copy seen twice (a retried mirror batch) is delivered once. The frame is encoded once per message and only
 * enqueued here; sockets are written by their own I/O threads, so a slow client never stalls this
 * loop. Records that are not valid envelopes are counted and skipped.
 */
public final class EventStreamReader implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStreamReader.class);
  static final Duration POLL = Duration.ofMillis(100);
  static final long REFRESH_MS = 5_000;
  static final long KAFKA_STALE_MS = 15_000;

  private final OriginStreams streams;
  private final ChannelTable channels;
  private final HistoryStore history;
  private final FrontendMetrics metrics;
  private final Clock clock;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile int assignedCount;
  private volatile int localPartitions;
  private volatile boolean running = true;
  private volatile long lastKafkaContact;
  private long lastRefresh;
  private long lastBadEnvelopeLog;
  private long lastLagCheck;
  /** Records behind the end of each partition, as of the last check (read by the metrics scrape). */
  private final java.util.Map<TopicPartition, Long> lag = new java.util.concurrent.ConcurrentHashMap<>();

  public EventStreamReader(String bootstrap, KafkaClientSecurity security, OriginStreams streams, String clientId, ChannelTable channels,
      HistoryStore history, FrontendMetrics metrics, Clock clock) {
    this.streams = streams;
    this.channels = channels;
    this.history = history;
    this.metrics = metrics;
    this.clock = clock;
    this.consumer = new KafkaConsumer<>(security.applyTo(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        // The sequencer writes in transactions: only committed envelopes are real.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** This cloud's events partitions assigned and Kafka answered recently. */
  public boolean isReady() {
    return localPartitions > 0 && kafkaReachable();
  }

  public boolean kafkaReachable() {
    return clock.millis() - lastKafkaContact < KAFKA_STALE_MS;
  }

  public int assignedPartitions() {
    return assignedCount;
  }

  @Override
  public void run() {
    try {
      while (running) {
        if (clock.millis() - lastRefresh >= REFRESH_MS || assigned.isEmpty() && clock.millis() - lastRefresh >= 500) {
          refreshAssignment();
        }
        if (assigned.isEmpty()) {
          Thread.sleep(100);
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          lastKafkaContact = clock.millis();
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          try {
            handle(record);
          } catch (RuntimeException e) {
            // one record must not stop the stream for every client of this frontend
            metrics.badEnvelope("dispatch-failed");
            log.warn("dispatching {}-{}@{} failed", record.topic(), record.partition(), record.offset(), e);
          }
        }
        if (clock.millis() - lastLagCheck >= 1_000) {
          lastLagCheck = clock.millis();
          updateLag();
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("event reader stopped by an unexpected error", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** From the consumer's own fetch metadata: no request to Kafka, so it is cheap on this thread. */
  private void updateLag() {
    for (TopicPartition tp : assigned) {
      java.util.OptionalLong behind = consumer.currentLag(tp);
      if (behind.isPresent()) {
        if (lag.put(tp, behind.getAsLong()) == null) {
          String origin = tp.topic().equals(streams.eventsTopic()) ? streams.localCloud() : streams.mirroredOrigin(tp.topic());
          metrics.consumerLagGauge(origin, tp.partition(), () -> lag.getOrDefault(tp, 0L));
        }
      }
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(record.value());
    } catch (InvalidEnvelopeException e) {
      metrics.badEnvelope(e.reason());
      long now = clock.millis();
      if (now - lastBadEnvelopeLog > 10_000) {
        lastBadEnvelopeLog = now;
        log.warn("skipping invalid envelope at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.reason());
      }
      return;
    }
    metrics.messageIn();
    byte[][] frame = new byte[1][];
    Supplier<byte[]> encodeOnce = () -> frame[0] != null ? frame[0] : (frame[0] = MessageFrames.encode(envelope));
    String origin = envelope.getOriginCloud();
    String historyKey = streams.historyKey(envelope.getChannel(), origin);
    if (history.isWriterFor(historyKey)) {
      // one writer per stream per cloud: the frontend owning the stream's history partition
      history.append(historyKey, envelope.getEpoch(), new HistoryEntry(envelope.getSeq(), clock.millis(), encodeOnce.get()));
    }
    int delivered = channels.dispatch(envelope.getChannel(), origin,
        new StreamPosition(envelope.getEpoch(), envelope.getSeq()), encodeOnce, envelope.getPublishedAt());
    if (delivered == ChannelTable.DUPLICATE) {
      metrics.duplicateDropped();
    } else {
      metrics.messagesOut(delivered);
    }
  }

  private void refreshAssignment() {
    lastRefresh = clock.millis();
    Map<String, List<PartitionInfo>> topics;
    try {
      topics = consumer.listTopics(Duration.ofSeconds(3));
    } catch (RuntimeException e) {
      log.debug("cannot list topics: {}", e.toString());
      return;
    }
    lastKafkaContact = clock.millis();
    Set<TopicPartition> all = new HashSet<>();
    int local = 0;
    for (Map.Entry<String, List<PartitionInfo>> t : topics.entrySet()) {
      boolean mine = t.getKey().equals(streams.eventsTopic());
      if (mine || streams.mirroredOrigin(t.getKey()) != null) {
        for (PartitionInfo p : t.getValue()) {
          all.add(new TopicPartition(t.getKey(), p.partition()));
        }
        local += mine ? t.getValue().size() : 0;
      }
    }
    if (local == 0 || all.equals(assigned)) {
      return; // nothing to read before this cloud's own topic exists
    }
    Set<TopicPartition> added = new HashSet<>(all);
    added.removeAll(assigned);
    boolean first = assigned.isEmpty();
    consumer.assign(all);
    if (first) {
      consumer.seekToEnd(all); // live stream from now; history and recovery are separate paths
    } else {
      startAddedPartitions(added);
    }
    all.forEach(consumer::position);
    Set<String> before = assigned.stream().map(TopicPartition::topic).collect(Collectors.toSet());
    assigned.clear();
    assigned.addAll(all);
    assignedCount = all.size();
    localPartitions = local;
    all.stream().map(TopicPartition::topic).distinct().filter(t -> !before.contains(t))
        .forEach(t -> log.info("reading {} partitions of {}", topics.get(t).size(), t));
  }

  /**
   * Partitions added to a topic already read hold nothing old: read them from the start. A topic
   * that appeared since (another cloud's mirrored events) may carry that cloud's whole past, copied
   * by MirrorMaker 2: start at what arrived shortly before it was seen, live from there.
   */
  private void startAddedPartitions(Set<TopicPartition> added) {
    Set<String> known = assigned.stream().map(TopicPartition::topic).collect(Collectors.toSet());
    Set<TopicPartition> grown = added.stream().filter(tp -> known.contains(tp.topic())).collect(Collectors.toSet());
    consumer.seekToBeginning(grown);
    Map<TopicPartition, Long> since = new java.util.HashMap<>();
    added.stream().filter(tp -> !known.contains(tp.topic()))
        .forEach(tp -> since.put(tp, clock.millis() - 2 * REFRESH_MS));
    if (since.isEmpty()) {
      return;
    }
    Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
    Set<TopicPartition> toEnd = new HashSet<>();
    offsets.forEach((tp, found) -> {
      if (found == null) {
        toEnd.add(tp);
      } else {
        consumer.seek(tp, found.offset());
      }
    });
    consumer.seekToEnd(toEnd);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}

package io.syncfabric.frontend.fanout;

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
 * Reads every partition of the events topic (no consumer group: every frontend needs every message)
 * and hands each envelope to the local subscribers. The frame is encoded once per message and only
 * enqueued here; sockets are written by their own I/O threads, so a slow client never stalls this
 * loop. Records that are not valid envelopes are counted and skipped.
 */
public final class EventStreamReader implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStreamReader.class);
  static final Duration POLL = Duration.ofMillis(100);
  static final long REFRESH_MS = 5_000;
  static final long KAFKA_STALE_MS = 15_000;

  private final String topic;
  private final ChannelTable channels;
  private final HistoryStore history;
  private final FrontendMetrics metrics;
  private final Clock clock;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile int assignedCount;
  private volatile boolean running = true;
  private volatile long lastKafkaContact;
  private long lastRefresh;
  private long lastBadEnvelopeLog;
  private long lastLagCheck;
  /** Records behind the end of each partition, as of the last check (read by the metrics scrape). */
  private final java.util.Map<Integer, Long> lag = new java.util.concurrent.ConcurrentHashMap<>();

  public EventStreamReader(String bootstrap, String topic, String clientId, ChannelTable channels,
      HistoryStore history, FrontendMetrics metrics, Clock clock) {
    this.topic = topic;
    this.channels = channels;
    this.history = history;
    this.metrics = metrics;
    this.clock = clock;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, clientId,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        // The sequencer writes in transactions: only committed envelopes are real.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Partitions assigned and Kafka answered recently. */
  public boolean isReady() {
    return assignedCount > 0 && kafkaReachable();
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
        if (lag.put(tp.partition(), behind.getAsLong()) == null) {
          metrics.consumerLagGauge(tp.partition(), () -> lag.getOrDefault(tp.partition(), 0L));
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
    if (history.isWriterFor(envelope.getChannel())) {
      // one writer per channel per cloud: the frontend owning the channel's history partition
      history.append(envelope.getChannel(), envelope.getEpoch(),
          new HistoryEntry(envelope.getSeq(), clock.millis(), encodeOnce.get()));
    }
    int delivered = channels.dispatch(envelope.getChannel(),
        new StreamPosition(envelope.getEpoch(), envelope.getSeq()), encodeOnce, envelope.getPublishedAt());
    if (delivered == ChannelTable.DUPLICATE) {
      metrics.duplicateDropped();
    } else {
      metrics.messagesOut(delivered);
    }
  }

  private void refreshAssignment() {
    lastRefresh = clock.millis();
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(3));
    } catch (RuntimeException e) {
      log.debug("cannot list partitions of {}: {}", topic, e.toString());
      return;
    }
    lastKafkaContact = clock.millis();
    if (infos == null || infos.isEmpty()) {
      return;
    }
    Set<TopicPartition> all = infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    if (all.equals(assigned)) {
      return;
    }
    Set<TopicPartition> added = new HashSet<>(all);
    added.removeAll(assigned);
    boolean first = assigned.isEmpty();
    consumer.assign(all);
    if (first) {
      consumer.seekToEnd(all); // live stream from now; history and recovery are separate paths
      all.forEach(consumer::position);
    } else {
      consumer.seekToBeginning(added); // partitions added later: nothing in them is old
    }
    assigned.clear();
    assigned.addAll(all);
    assignedCount = all.size();
    log.info("reading {} partitions of {}", all.size(), topic);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}

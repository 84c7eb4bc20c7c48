package io.syncfabric.bench.measure;

import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.schema.InvalidEnvelopeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the events topic the way a frontend does (every partition, {@code read_committed}, from the
 * end) and records, per envelope of the measured window, publish → visible to frontends. Set beside
 * the client-side latency it splits the path in two: the sequencer hop (ingress, sequencing,
 * transaction commit) and the frontend hop (fetch, fan-out, socket).
 */
public final class EventsTopicProbe implements Runnable, AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Recorder latency = new Recorder(LoadStats.MAX_LATENCY_MS, 3);
  private final Thread thread;
  private volatile long measuredFromMs = Long.MAX_VALUE;
  private volatile boolean running = true;

  public EventsTopicProbe(String bootstrap, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "bench-events-probe",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, not at the first poll
    thread = new Thread(this, "bench-events-probe");
    thread.setDaemon(true);
    thread.start();
  }

  public void measureFrom(long fromMs) {
    measuredFromMs = fromMs;
  }

  @Override
  public void run() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          try {
            Envelope e = EnvelopeCodec.decode(r.value());
            if (e.getPublishedAt() >= measuredFromMs) {
              latency.recordValue(Math.min(LoadStats.MAX_LATENCY_MS, Math.max(0, now - e.getPublishedAt())));
            }
          } catch (InvalidEnvelopeException ignored) {
            // not ours to judge: frontends count these
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** What was recorded so far (call once, at the end). */
  public Histogram total() {
    return latency.getIntervalHistogram();
  }

  public String topic() {
    return topic;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.syncfabric.tests.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies one topic into another on the same cluster the way MirrorMaker 2 does between clusters:
 * same key, value (tombstones included) and timestamp. For tests that need another cloud's records
 * on a {@code <cloud>.<topic>} without a second cluster; the real MirrorMaker 2 path has its own
 * multi-cloud test. It can hold each record for a while (a slow link) or stop copying (a cut link).
 */
public final class MirrorLikeCopier implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String target;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile boolean linkUp = true;
  private volatile long holdMs;

  /** Starts copying {@code source} (one partition, from its beginning) to {@code target}; both must exist. */
  public MirrorLikeCopier(String bootstrap, String source, String target) {
    this.target = target;
    this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
    TopicPartition tp = new TopicPartition(source, 0);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    this.thread = new Thread(this::run, "copier-" + target);
    thread.setDaemon(true);
    thread.start();
  }

  /** While down, nothing is read nor copied; back up, copying resumes where it stopped. */
  public void linkUp(boolean up) {
    linkUp = up;
  }

  /** Each record is written this long after it was read (a slow link: the lag grows by it). */
  public void holdMs(long ms) {
    holdMs = ms;
  }

  private void run() {
    try {
      while (running.get()) {
        if (!linkUp) {
          Thread.sleep(50);
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (holdMs > 0) {
            Thread.sleep(holdMs);
          }
          producer.send(new ProducerRecord<>(target, null, r.timestamp(), r.key(), r.value(), r.headers()));
        }
        producer.flush();
      }
    } catch (InterruptedException | org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(1));
      producer.close(Duration.ofSeconds(1));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(5_000);
  }
}

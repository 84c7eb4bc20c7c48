package io.syncfabric.cli.lab;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Looks for a record by key in a (mirrored) topic of one cloud's Kafka, reading from the start. */
final class MirroredRecords {
  private MirroredRecords() {}

  /** True when {@code topic} on {@code bootstrap} holds a record keyed {@code key} within {@code timeout}. */
  static boolean contains(String bootstrap, String topic, String key, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "lab-check-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        // the mirrored topic may not exist yet: find it as soon as MirrorMaker 2 creates it
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(Pattern.compile(Pattern.quote(topic)));
      byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (java.util.Arrays.equals(wanted, r.key())) {
            return true;
          }
        }
      }
      return false;
    }
  }
}

package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorFlow;
import io.syncfabric.bridge.mirror.MirrorRunner;
import io.syncfabric.tests.support.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Kafka's MirrorMaker 2, run by {@link MirrorRunner}, between two real KRaft clusters, both ways. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MirrorIT {
  private static MirrorRunner runner;
  private static PrometheusMeterRegistry registry;
  private static String a;
  private static String b;

  @BeforeAll
  static void startMirror() throws Exception {
    a = KafkaCluster.bootstrap("a");
    b = KafkaCluster.bootstrap("b");
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    runner = new MirrorRunner(MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=" + a + ",b=" + b,
        "mirror.topics", "fabric\\.events,fabric\\.members,mirror-it\\..*",
        "mirror.replication.factor", "1",
        "http.port", "0"))), registry).start();
    assertThat(runner.awaitReady(Duration.ofSeconds(60))).as(runner.detailsJson()).isTrue();
  }

  @AfterAll
  static void stopMirror() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void aRecordOfCloudAArrivesOnCloudBWithItsHeadersAndTimestamp() throws Exception {
    assertMirrored(a, b, "fabric.events", "a.fabric.events");
  }

  @Test
  void aRecordOfCloudBArrivesOnCloudA() throws Exception {
    assertMirrored(b, a, "fabric.events", "b.fabric.events");
  }

  @Test
  void aTopicCreatedAfterStartMirrorsWithinSeconds() throws Exception {
    String topic = "mirror-it." + UUID.randomUUID().toString().substring(0, 8);
    long started = System.nanoTime();
    assertMirrored(a, b, topic, "a." + topic);
    System.out.printf("new topic %s mirrored in %.1f s%n", topic, (System.nanoTime() - started) / 1e9);
  }

  @Test
  void perFlowMetricsCountWhatWasMirrored() throws Exception {
    assertMirrored(a, b, "fabric.events", "a.fabric.events");
    Thread.sleep(1_500); // one sampling period
    assertThat(runner.sample(new MirrorFlow("a", "b")).records()).isPositive();
    String scrape = registry.scrape();
    assertThat(scrape).contains("fabric_mirror_records_total{source=\"a\",target=\"b\"}")
        .contains("fabric_mirror_flow_up{source=\"b\",target=\"a\"} 1");
  }

  @Test
  void recordsOfAbortedTransactionsAreNotCopied() throws Exception {
    String topic = "mirror-it.tx-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mirror-it-" + topic), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, bytes("aborted"), bytes("{\"n\":1}"))).get(10, TimeUnit.SECONDS);
      producer.abortTransaction(); // like a sequencer that crashed mid-transaction
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, bytes("committed"), bytes("{\"n\":2}"))).get(10, TimeUnit.SECONDS);
      producer.commitTransaction();
    }
    // same partition: once the later, committed record is on b, an aborted copy would be before it
    List<String> keys = keysUntil(b, "a." + topic, "committed", Duration.ofSeconds(30));
    assertThat(keys).contains("committed").doesNotContain("aborted");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Every key read from {@code topic} (uncommitted ones too) until {@code last} shows up. */
  private static List<String> keysUntil(String bootstrap, String topic, String last, Duration timeout) {
    List<String> keys = new java.util.ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "mirror-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topic)));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !keys.contains(last)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          keys.add(new String(r.key(), StandardCharsets.UTF_8));
        }
      }
      return keys;
    }
  }

  /** Low-rate latency, source producer timestamp to the consumer on the other cloud (BENCHMARKS.md). */
  @Test
  void recordsAtLowRateAreMirroredWithinMilliseconds() throws Exception {
    int count = 200;
    String prefix = "lat-" + UUID.randomUUID() + "-";
    List<Long> latencies = new java.util.ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b,
            ConsumerConfig.GROUP_ID_CONFIG, "mirror-it-latency-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a, ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer())) {
      assertMirrored(a, b, "fabric.events", "a.fabric.events"); // the mirrored topic exists
      consumer.subscribe(List.of("a.fabric.events"));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.seekToEnd(consumer.assignment());
      consumer.assignment().forEach(consumer::position); // resolve "end" before producing
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int sent = 0;
      long nextSend = System.nanoTime();
      while (latencies.size() < count && System.nanoTime() < deadline) {
        if (sent < count && System.nanoTime() >= nextSend) {
          producer.send(new ProducerRecord<>("fabric.events", (prefix + sent++).getBytes(StandardCharsets.UTF_8), new byte[100]));
          nextSend += TimeUnit.MILLISECONDS.toNanos(20); // 50 per second
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
          if (new String(r.key(), StandardCharsets.UTF_8).startsWith(prefix)) {
            latencies.add(System.currentTimeMillis() - r.timestamp());
          }
        }
      }
    }
    assertThat(latencies).hasSize(count);
    java.util.Collections.sort(latencies);
    long p50 = latencies.get(count / 2);
    long p99 = latencies.get(count * 99 / 100);
    System.out.printf("mirror a->b latency at 50 msg/s: p50 %d ms, p99 %d ms, max %d ms%n", p50, p99, latencies.get(count - 1));
  }

  private static void assertMirrored(String from, String to, String topic, String remoteTopic) throws Exception {
    String key = "ch-" + UUID.randomUUID();
    long timestamp = System.currentTimeMillis() - 12_345;
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, from), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8),
          "{\"n\":1}".getBytes(StandardCharsets.UTF_8), headers)).get(10, TimeUnit.SECONDS);
    }
    ConsumerRecord<byte[], byte[]> found = readUntil(to, remoteTopic, key, Duration.ofSeconds(30));
    assertThat(found).as(key + " in " + remoteTopic + " on " + to).isNotNull();
    assertThat(found.timestamp()).isEqualTo(timestamp);
    assertThat(new String(found.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8)).isEqualTo("application/json");
    assertThat(new String(found.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
  }

  private static ConsumerRecord<byte[], byte[]> readUntil(String bootstrap, String topic, String key, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "mirror-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(topic)));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            return r;
          }
        }
      }
      return null;
    }
  }
}

package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorRunner;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.tests.support.KafkaCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes per mirrored message with and without {@code mirror.compression}: sequenced envelopes with
 * a small JSON chat payload, mirrored a→b, measured as the size of the mirrored log on b (what the
 * mirror's producer sent, batch headers included). Two traffic shapes: a backlog (catch-up after an
 * outage, big batches) and a trickle (~50 msg/s live traffic, batches of about one record). The
 * numbers go to BENCHMARKS.md, "Cross-cloud".
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MirrorEgressIT {
  private static final int BACKLOG = 2_000;
  private static final int TRICKLE = 150;
  private static final java.util.Random RANDOM = new java.util.Random(42);
  private static final String[] WORDS = ("the be to of and a in that have it for not on with he as you do at this but his by"
      + " from they we say her she or an will my one all would there their what so up out if about who get which go me"
      + " when make can like time no just him know take people into year your good some could them see other than then"
      + " now look only come its over think also back after use two how our work first well way even new want because"
      + " any these give day most us deploy build ship meeting lunch later tomorrow thanks great done ok yes cloud").split(" ");

  @Test
  void zstdSendsFewerBytesPerMirroredMessageThanNone() throws Exception {
    Map<String, Double> none = measure("none");
    Map<String, Double> zstd = measure("zstd");
    System.out.printf("mirror egress bytes/message written to the target: backlog none %.1f zstd %.1f;"
        + " trickle none %.1f zstd %.1f; source log (uncompressed, what a mirror in the target cloud fetches):"
        + " backlog %.1f trickle %.1f%n",
        none.get("backlog"), zstd.get("backlog"), none.get("trickle"), zstd.get("trickle"),
        zstd.get("source-backlog"), zstd.get("source-trickle"));
    assertThat(zstd.get("backlog")).isLessThan(none.get("backlog") * 0.6);
    assertThat(zstd.get("trickle")).isLessThanOrEqualTo(none.get("trickle") * 1.05);
  }

  /** Mirrors a backlog and a trickle with the given compression; bytes per message on b for each. */
  private Map<String, Double> measure(String compression) throws Exception {
    String a = KafkaCluster.bootstrap("a");
    String b = KafkaCluster.bootstrap("b");
    String backlog = "egress-" + compression + "-backlog";
    String trickle = "egress-" + compression + "-trickle";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a))) {
      admin.createTopics(List.of(new NewTopic(backlog, 1, (short) 1), new NewTopic(trickle, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    try (KafkaProducer<String, byte[]> producer = producer(a)) {
      for (int i = 0; i < BACKLOG; i++) {
        producer.send(record(backlog, i));
      }
      producer.flush();
    }
    MirrorConfig config = MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=" + a + ",b=" + b,
        "topics.events", backlog,
        "mirror.topics", backlog + "," + trickle,
        "mirror.compression", compression,
        "mirror.replication.factor", "1",
        "http.port", "0")));
    try (MirrorRunner runner = new MirrorRunner(config, new SimpleMeterRegistry()).start();
        KafkaProducer<String, byte[]> producer = producer(a)) {
      assertThat(runner.awaitReady(Duration.ofSeconds(60))).as(runner.detailsJson()).isTrue();
      for (int i = 0; i < TRICKLE; i++) {
        producer.send(record(trickle, i));
        Thread.sleep(20);
      }
      producer.flush();
      return Map.of("backlog", bytesPerRecord(b, "a." + backlog, BACKLOG), "trickle", bytesPerRecord(b, "a." + trickle, TRICKLE),
          "source-backlog", bytesPerRecord(a, backlog, BACKLOG), "source-trickle", bytesPerRecord(a, trickle, TRICKLE));
    }
  }

  private static double bytesPerRecord(String bootstrap, String topic, int records) throws Exception {
    TopicPartition tp = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        Long end = null;
        try {
          end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp).get().offset();
        } catch (Exception e) {
          // not mirrored yet
        }
        if (end != null && end >= records) {
          long size = 0;
          for (var dir : admin.describeLogDirs(admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList()).allDescriptions().get().values()) {
            for (var logDir : dir.values()) {
              ReplicaInfo info = logDir.replicaInfos().get(tp);
              size += info == null ? 0 : info.size();
            }
          }
          return (double) size / records;
        }
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(topic + " did not receive " + records + " records");
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A sequenced envelope as the sequencer writes it: a chat message of 6 to 17 words drawn at random
   * from a small vocabulary, by one of 10,000 users, on one of 50 channels. Random words keep the
   * payloads from being copies of each other, which would flatter compression.
   */
  private static ProducerRecord<String, byte[]> record(String topic, int i) {
    String channel = "chat:room-" + (i % 50);
    long now = System.currentTimeMillis();
    StringBuilder text = new StringBuilder();
    for (int w = 0, n = 6 + RANDOM.nextInt(12); w < n; w++) {
      text.append(w == 0 ? "" : " ").append(WORDS[RANDOM.nextInt(WORDS.length)]);
    }
    String json = "{\"user\":\"user-" + RANDOM.nextInt(10_000) + "\",\"text\":\"" + text
        + "\",\"sentAt\":" + now + ",\"id\":\"" + Long.toHexString(RANDOM.nextLong()) + "\"}";
    Envelope envelope = Envelope.newBuilder()
        .setChannel(channel).setEpoch("k3j9x2").setSeq(i / 50 + 1).setOriginCloud("a")
        .setOriginTopic("fabric.ingress").setOriginPartition(i % 6).setOriginOffset(10_000L + i)
        .setPublishedAt(now - 3).setSequencedAt(now).setContentType("application/json")
        .setHeaders(Map.of()).setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))).build();
    return new ProducerRecord<>(topic, channel, EnvelopeCodec.encode(envelope));
  }
}

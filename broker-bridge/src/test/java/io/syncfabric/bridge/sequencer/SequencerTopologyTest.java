package io.syncfabric.bridge.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.route.Route;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencerTopologyTest {
  private static final String INGRESS = "fabric.ingress";
  private static final String EVENTS = "fabric.events";
  private static final String DLQ = "fabric.dlq";
  private static final String REKEY = "sequencer-rekey";
  private static final String USERS = "shop.users";
  private static final long NOW = 1_700_000_000_000L;
  private static final Instant PUBLISHED = Instant.ofEpochMilli(1_699_999_999_000L);

  @TempDir Path stateDir;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> epochsGiven = new ArrayList<>();
  private final Supplier<String> epochs = () -> {
    String epoch = "epoch-" + (epochsGiven.size() + 1);
    epochsGiven.add(epoch);
    return epoch;
  };
  private final List<TopologyTestDriver> drivers = new ArrayList<>();

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> ingress;
  private TestInputTopic<byte[], byte[]> users;
  private TestOutputTopic<String, Envelope> events;
  private TestOutputTopic<String, Envelope> rekey;
  private TestOutputTopic<byte[], byte[]> dlq;

  @AfterEach
  void closeDrivers() {
    drivers.forEach(TopologyTestDriver::close);
  }

  private void start(int ingressPartitions, String stateSubdir) {
    var spec = new SequencerTopology.Spec("a", INGRESS, EVENTS, DLQ, REKEY, ingressPartitions, 1024,
        List.of(Route.parse(USERS + "|json:user.id|user:")), clock, registry);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sequencer-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(stateSubdir).toString());
    driver = new TopologyTestDriver(SequencerTopology.build(spec, epochs), props, PUBLISHED);
    drivers.add(driver);
    var bytes = new ByteArraySerializer();
    ingress = driver.createInputTopic(INGRESS, bytes, bytes);
    users = driver.createInputTopic(USERS, bytes, bytes);
    events = driver.createOutputTopic(EVENTS, new StringDeserializer(), EnvelopeSerde.serde().deserializer());
    rekey = driver.createOutputTopic(REKEY, new StringDeserializer(), EnvelopeSerde.serde().deserializer());
    dlq = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void start() {
    start(1, "state");
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private void publish(String channel, String payload) {
    ingress.pipeInput(new TestRecord<>(utf8(channel), utf8(payload), new RecordHeaders(), PUBLISHED));
  }

  private static String text(Header h) {
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? null : text(h);
  }

  private static byte[] payload(Envelope e) {
    ByteBuffer b = e.getPayload().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private double sequencedCount() {
    return registry.get("fabric.sequencer.sequenced").counter().count();
  }

  private double dlqCount(DlqReason reason) {
    return registry.get("fabric.sequencer.dlq").tag("reason", reason.code()).counter().count();
  }

  @Test
  void givesEachChannelItsOwnSeqsFromOne() {
    start();

    publish("chat:a", "1");
    publish("chat:b", "1");
    publish("chat:a", "2");
    publish("chat:a", "3");
    publish("chat:b", "2");

    List<TestRecord<String, Envelope>> out = events.readRecordsToList();
    assertThat(out).extracting(r -> r.key() + "#" + r.value().getSeq())
        .containsExactly("chat:a#1", "chat:b#1", "chat:a#2", "chat:a#3", "chat:b#2");
    assertThat(out).allSatisfy(r -> assertThat(r.value().getChannel()).isEqualTo(r.key()));
    assertThat(sequencedCount()).isEqualTo(5.0);
  }

  @Test
  void keepsOneEpochPerChannel() {
    start();

    publish("chat:a", "1");
    publish("chat:b", "1");
    publish("chat:a", "2");

    List<Envelope> out = events.readValuesToList();
    assertThat(epochsGiven).containsExactly("epoch-1", "epoch-2");
    assertThat(out).extracting(Envelope::getEpoch).containsExactly("epoch-1", "epoch-2", "epoch-1");
  }

  @Test
  void fillsTheEnvelopeFromTheRecordAndTheClock() throws Exception {
    start();
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", utf8("text/plain"));
    headers.add("trace-id", utf8("t-1"));
    ingress.pipeInput(new TestRecord<>(utf8("chat:x"), utf8("first"), new RecordHeaders(), PUBLISHED));
    ingress.pipeInput(new TestRecord<>(utf8("chat:a"), utf8("{\"n\":1}"), headers, PUBLISHED.plusMillis(5)));

    events.readRecord();
    TestRecord<String, Envelope> record = events.readRecord();
    Envelope e = record.value();

    assertThat(e.getChannel()).isEqualTo("chat:a");
    assertThat(e.getEpoch()).isEqualTo("epoch-2");
    assertThat(e.getSeq()).isEqualTo(1L);
    assertThat(e.getOriginCloud()).isEqualTo("a");
    assertThat(e.getOriginTopic()).isEqualTo(INGRESS);
    assertThat(e.getOriginPartition()).isZero();
    assertThat(e.getOriginOffset()).isEqualTo(1L);
    assertThat(e.getPublishedAt()).isEqualTo(PUBLISHED.toEpochMilli() + 5);
    assertThat(e.getSequencedAt()).isEqualTo(NOW);
    assertThat(e.getContentType()).isEqualTo("text/plain");
    assertThat(e.getHeaders()).containsOnlyKeys("trace-id").containsEntry("trace-id", "t-1");
    assertThat(payload(e)).isEqualTo(utf8("{\"n\":1}"));
    assertThat(record.timestamp()).isEqualTo(PUBLISHED.toEpochMilli() + 5);
    assertThat(record.headers().toArray()).as("backend headers travel inside the envelope only").isEmpty();
    // What frontends will read: a valid sequenced envelope in single-object encoding.
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e)).getSeq()).isEqualTo(1L);
  }

  @Test
  void sniffsTheContentTypeWhenNoneIsDeclared() {
    start();

    publish("c", "{\"a\":1}");
    publish("c", "hello");
    ingress.pipeInput(utf8("c"), new byte[] {(byte) 0xFF, 0x01});

    assertThat(events.readValuesToList()).extracting(Envelope::getContentType)
        .containsExactly(ContentTypes.JSON, ContentTypes.TEXT, ContentTypes.BINARY);
  }

  @Test
  void keepsCountersInTheStateStoreAcrossRecords() {
    start();

    publish("chat:a", "1");
    publish("chat:a", "2");

    KeyValueStore<String, ChannelCounter> store = driver.getKeyValueStore(SequencerTopology.COUNTERS_STORE);
    assertThat(store.get("chat:a")).isEqualTo(new ChannelCounter("epoch-1", 2));
    assertThat(store.get("chat:b")).isNull();

    publish("chat:a", "3");

    assertThat(events.readValuesToList()).extracting(Envelope::getSeq).containsExactly(1L, 2L, 3L);
    assertThat(store.get("chat:a")).isEqualTo(new ChannelCounter("epoch-1", 3));
    assertThat(epochsGiven).hasSize(1);
  }

  @Test
  void lostStateStartsANewEpochSoNoSeqIsReusedWithinAnEpoch() {
    start(1, "first");
    publish("chat:a", "1");
    publish("chat:a", "2");
    Envelope before = events.readValuesToList().get(1);

    start(1, "second"); // same topology, empty counter store: as if the state were lost
    publish("chat:a", "3");
    Envelope after = events.readValue();

    assertThat(before.getEpoch()).isEqualTo("epoch-1");
    assertThat(before.getSeq()).isEqualTo(2L);
    assertThat(after.getSeq()).isEqualTo(1L);
    assertThat(after.getEpoch()).isEqualTo("epoch-2").isNotEqualTo(before.getEpoch());
    assertThat(epochsGiven).containsExactly("epoch-1", "epoch-2");
  }

  @Test
  void recordWithoutKeyGoesToTheDeadLetterTopicWithItsOriginAndReason() {
    start();
    publish("chat:a", "ok");
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace-id", utf8("t-9"));
    ingress.pipeInput(new TestRecord<>(null, utf8("orphan"), headers, PUBLISHED));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();

    assertThat(dead.key()).isNull();
    assertThat(dead.value()).isEqualTo(utf8("orphan"));
    assertThat(dead.timestamp()).isEqualTo(PUBLISHED.toEpochMilli());
    Headers h = dead.headers();
    assertThat(header(h, DeadLetterHeaders.REASON)).isEqualTo("missing-key");
    assertThat(header(h, DeadLetterHeaders.DETAIL)).isEqualTo("record key is null");
    assertThat(header(h, DeadLetterHeaders.TOPIC)).isEqualTo(INGRESS);
    assertThat(header(h, DeadLetterHeaders.PARTITION)).isEqualTo("0");
    assertThat(header(h, DeadLetterHeaders.OFFSET)).isEqualTo("1");
    assertThat(header(h, "trace-id")).as("the record's own headers are kept").isEqualTo("t-9");
    assertThat(events.readValuesToList()).hasSize(1);
    assertThat(dlqCount(DlqReason.MISSING_KEY)).isEqualTo(1.0);
    assertThat(sequencedCount()).isEqualTo(1.0);
  }

  @Test
  void eachKindOfBadRecordIsDeadLetteredWithItsReasonAndOriginalKeyAndValue() {
    start();
    RecordHeaders badType = new RecordHeaders();
    badType.add("content-type", utf8("text/\u0001"));

    ingress.pipeInput(new TestRecord<>(utf8("has space"), utf8("v1"), new RecordHeaders(), PUBLISHED));
    ingress.pipeInput(new TestRecord<>(new byte[] {(byte) 0xC3, 0x28}, utf8("v2"), new RecordHeaders(), PUBLISHED));
    ingress.pipeInput(new TestRecord<>(utf8("chat:a"), null, new RecordHeaders(), PUBLISHED));
    ingress.pipeInput(new TestRecord<>(utf8("chat:a"), new byte[1025], new RecordHeaders(), PUBLISHED));
    ingress.pipeInput(new TestRecord<>(utf8("chat:a"), utf8("v5"), badType, PUBLISHED));

    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
        .containsExactly("bad-channel", "bad-channel", "missing-value", "payload-too-large", "bad-content-type");
    assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.OFFSET))
        .containsExactly("0", "1", "2", "3", "4");
    assertThat(dead.get(0).key()).isEqualTo(utf8("has space"));
    assertThat(dead.get(0).value()).isEqualTo(utf8("v1"));
    assertThat(dead.get(1).key()).isEqualTo(new byte[] {(byte) 0xC3, 0x28});
    assertThat(dead.get(2).value()).isNull();
    assertThat(dead.get(3).value()).hasSize(1025);
    assertThat(header(dead.get(3).headers(), DeadLetterHeaders.DETAIL)).isEqualTo("1025 bytes > 1024");
    assertThat(events.isEmpty()).isTrue();
    assertThat(dlqCount(DlqReason.BAD_CHANNEL)).isEqualTo(2.0);
    assertThat(dlqCount(DlqReason.MISSING_VALUE)).isEqualTo(1.0);
    assertThat(dlqCount(DlqReason.PAYLOAD_TOO_LARGE)).isEqualTo(1.0);
    assertThat(dlqCount(DlqReason.BAD_CONTENT_TYPE)).isEqualTo(1.0);
    assertThat(dlqCount(DlqReason.MISSING_KEY)).isZero();
    assertThat(sequencedCount()).isZero();
  }

  @Test
  void routedRecordIsRekeyedByItsPrefixedChannelThenSequenced() {
    start();
    publish("user:u1", "from ingress");

    users.pipeInput(new TestRecord<>(utf8("ignored"), utf8("{\"user\":{\"id\":\"u1\"}}"), new RecordHeaders(),
        PUBLISHED.plusMillis(1)));

    TestRecord<String, Envelope> rekeyed = rekey.readRecord();
    assertThat(rekeyed.key()).isEqualTo("user:u1");
    assertThat(rekeyed.value().getEpoch()).as("not sequenced yet").isEmpty();
    assertThat(rekeyed.value().getSeq()).isZero();
    assertThat(rekey.isEmpty()).isTrue();
    // The rekey topic is a source of the topology: the driver feeds it back to the sequence step,
    // where it meets the ingress record's counter.
    List<TestRecord<String, Envelope>> out = events.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("user:u1", "user:u1");
    Envelope routed = out.get(1).value();
    assertThat(routed.getSeq()).isEqualTo(2L);
    assertThat(routed.getEpoch()).isEqualTo(out.get(0).value().getEpoch());
    assertThat(routed.getOriginTopic()).isEqualTo(USERS);
    assertThat(routed.getOriginOffset()).isZero();
    assertThat(routed.getPublishedAt()).isEqualTo(PUBLISHED.toEpochMilli() + 1);
    assertThat(routed.getContentType()).isEqualTo(ContentTypes.JSON);
    assertThat(registry.get("fabric.sequencer.rekeyed").counter().count()).isEqualTo(1.0);
    assertThat(sequencedCount()).isEqualTo(2.0);
  }

  @Test
  void routedRecordWithoutItsFieldIsDeadLettered() {
    start();

    users.pipeInput(utf8("k"), utf8("{\"user\":{\"name\":\"x\"}}"));

    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("no-channel");
    assertThat(header(dead.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(USERS);
    assertThat(dead.key()).isEqualTo(utf8("k"));
    assertThat(rekey.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
    assertThat(dlqCount(DlqReason.NO_CHANNEL_IN_ROUTE)).isEqualTo(1.0);
  }

  @Test
  void ingressRecordOffItsHomePartitionIsRekeyed() {
    start(2, "state");
    String channel = channelWithHomePartition(1, 2); // the driver pipes everything to partition 0

    publish(channel, "x");

    assertThat(rekey.readKeyValue().key).isEqualTo(channel);
    assertThat(events.readValue().getSeq()).isEqualTo(1L);
    assertThat(registry.get("fabric.sequencer.rekeyed").counter().count()).isEqualTo(1.0);
  }

  @Test
  void ingressRecordOnItsHomePartitionSkipsTheRekeyTopic() {
    start(2, "state");
    String channel = channelWithHomePartition(0, 2);

    publish(channel, "x");

    assertThat(rekey.isEmpty()).isTrue();
    assertThat(events.readValue().getSeq()).isEqualTo(1L);
    assertThat(registry.get("fabric.sequencer.rekeyed").counter().count()).isZero();
  }

  private static String channelWithHomePartition(int partition, int partitions) {
    for (int i = 0; ; i++) {
      String channel = "chat:" + i;
      if (Utils.toPositive(Utils.murmur2(utf8(channel))) % partitions == partition) {
        return channel;
      }
    }
  }
}

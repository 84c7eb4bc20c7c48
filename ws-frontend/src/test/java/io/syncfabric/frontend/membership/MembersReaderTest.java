package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.schema.MemberAnnouncementCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The reader against Kafka's own MockConsumer: topic pick-up, start-up backlog, live records, lag. */
class MembersReaderTest {
  private static final String MIRRORED = "b.fabric.members";
  private static final TopicPartition B0 = new TopicPartition(MIRRORED, 0);

  private final AtomicLong now = new AtomicLong(5_000_000);
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RemoteMembers view = new RemoteMembers("a", 15_000, now::get);
  private final OriginLinks links = new OriginLinks(now::get);
  private final MembersReader reader = new MembersReader(consumer, new MembersTopics("fabric.members", "a"), view,
      links, new MembershipMetrics(registry, () -> 0), 1_000, now::get);
  private long offset;

  private void topic(String name) {
    consumer.updatePartitions(name, List.of(new PartitionInfo(name, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(new TopicPartition(name, 0), 0L));
  }

  private void record(String node, MemberState state, long timestamp) {
    byte[] value = state == null ? null : MemberAnnouncementCodec.encode(
        Announcements.of(RemoteMembersTest.member("b", node, state), timestamp));
    consumer.addRecord(new ConsumerRecord<>(MIRRORED, 0, offset++, timestamp, TimestampType.CREATE_TIME, -1, -1,
        node, value, new RecordHeaders(), Optional.empty()));
  }

  private List<String> listed() {
    return view.live().stream().map(l -> l.member().node()).sorted().toList();
  }

  @Test
  void readsTheBacklogAsAWholeThenLiveRecordsWithTheirLag() {
    topic("fabric.members");
    topic(MIRRORED);
    consumer.updateEndOffsets(Map.of(B0, 3L, new TopicPartition("fabric.members", 0), 0L));
    reader.step();
    assertThat(links.link("b")).isNotNull();
    // cloud b's clock is an hour ahead of ours: it must not matter
    long bNow = now.get() + 3_600_000;
    record("b-old", MemberState.SERVING, bNow - 60_000);
    record("b-1", MemberState.SERVING, bNow - 1_000);
    record("b-2", MemberState.SERVING, bNow);
    reader.step();
    assertThat(listed()).containsExactly("b-1", "b-2");
    assertThat(links.link("b").lagMs()).isEqualTo(-1); // backlog records say nothing about the link

    now.addAndGet(500);
    record("b-2", MemberState.DRAINING, now.get() - 25);
    reader.step();
    assertThat(links.link("b").lagMs()).isEqualTo(25);
    assertThat(view.live()).filteredOn(l -> l.member().node().equals("b-2"))
        .extracting(l -> l.member().state()).containsExactly(MemberState.DRAINING);
  }

  @Test
  void aCloudAddedLaterIsPickedUpAtTheNextRefreshAndTombstonesRemove() {
    reader.step();
    assertThat(links.all()).isEmpty();

    topic(MIRRORED);
    consumer.updateEndOffsets(Map.of(B0, 0L));
    now.addAndGet(1_000);
    reader.step();
    record("b-1", MemberState.SERVING, now.get());
    reader.step();
    assertThat(listed()).containsExactly("b-1");

    record("b-1", null, now.get());
    reader.step();
    assertThat(listed()).isEmpty();
  }

  @Test
  void badRecordsAreCountedAndSkipped() {
    topic(MIRRORED);
    consumer.updateEndOffsets(Map.of(B0, 0L));
    reader.step();
    consumer.addRecord(new ConsumerRecord<>(MIRRORED, 0, offset++, "junk", new byte[] {1, 2, 3}));
    consumer.addRecord(new ConsumerRecord<>(MIRRORED, 0, offset++, "not-b-1",
        MemberAnnouncementCodec.encode(StartupBacklogTest.announcement("b-1", now.get()))));
    reader.step();
    assertThat(listed()).isEmpty();
    assertThat(registry.get("fabric.members.invalid").tag("reason", "too-short").counter().count()).isEqualTo(1);
    assertThat(registry.get("fabric.members.invalid").tag("reason", "key-mismatch").counter().count()).isEqualTo(1);
  }
}

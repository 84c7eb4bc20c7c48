package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.schema.MemberAnnouncement;
import io.syncfabric.schema.MemberAnnouncementCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class AnnouncerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicReference<MemberState> state = new AtomicReference<>(MemberState.STARTING);
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MembershipMetrics metrics = new MembershipMetrics(registry, () -> 0);
  private final AtomicInteger topicAttempts = new AtomicInteger();
  private volatile boolean kafkaUp = true;

  private final Announcer announcer = new Announcer(producer, "fabric.members", () -> {
    topicAttempts.incrementAndGet();
    if (!kafkaUp) {
      throw new IllegalStateException("Kafka did not answer");
    }
  }, () -> RemoteMembersTest.member("a", "a-8080", state.get()), 3_000, now::get, metrics);

  private static MemberAnnouncement decode(ProducerRecord<String, byte[]> r) throws Exception {
    return MemberAnnouncementCodec.decode(r.value());
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  @Test
  void announcesAtOnceThenEveryIntervalKeyedByNodeAndStampedWithOurClock() throws Exception {
    announcer.tick();
    now.addAndGet(2_999);
    announcer.tick();
    assertThat(producer.history()).hasSize(1);

    now.addAndGet(1);
    announcer.tick();
    assertThat(producer.history()).hasSize(2);
    ProducerRecord<String, byte[]> last = producer.history().get(1);
    assertThat(last.key()).isEqualTo("a-8080");
    assertThat(last.topic()).isEqualTo("fabric.members");
    assertThat(last.timestamp()).isEqualTo(4_000);
    assertThat(decode(last).getAnnouncedAt()).isEqualTo(4_000);
    assertThat(counter("fabric.members.announced")).isEqualTo(2);
  }

  @Test
  void aStateChangeIsAnnouncedAtTheNextTickNotAtTheNextInterval() throws Exception {
    announcer.tick();
    state.set(MemberState.SERVING);
    now.addAndGet(250);
    announcer.tick();
    state.set(MemberState.DRAINING);
    now.addAndGet(250);
    announcer.tick();
    assertThat(producer.history()).hasSize(3);
    assertThat(decode(producer.history().get(2)).getState()).isEqualTo("draining");
  }

  @Test
  void aCleanStopSaysStoppedThenLeavesATombstone() throws Exception {
    announcer.tick();
    announcer.close(true, Duration.ofSeconds(1));
    assertThat(producer.history()).hasSize(3);
    assertThat(decode(producer.history().get(1)).getState()).isEqualTo("stopped");
    assertThat(producer.history().get(2).key()).isEqualTo("a-8080");
    assertThat(producer.history().get(2).value()).isNull();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void aHaltSaysNothing() {
    announcer.tick();
    announcer.close(false, Duration.ZERO);
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void nothingIsSentBeforeTheCompactedTopicExistsAndFailuresAreCounted() {
    kafkaUp = false;
    announcer.tick();
    announcer.tick();
    assertThat(producer.history()).isEmpty();
    assertThat(counter("fabric.members.announce.errors")).isEqualTo(2);

    kafkaUp = true;
    announcer.tick();
    announcer.tick();
    assertThat(producer.history()).hasSize(1);
    assertThat(topicAttempts.get()).isEqualTo(3); // not asked again once it exists
  }

  @Test
  void aFailedSendIsCountedAndTheNextIntervalTriesAgain() {
    MockProducer<String, byte[]> manual = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    Announcer a = new Announcer(manual, "fabric.members", () -> {}, () -> RemoteMembersTest.member("a", "a-1",
        MemberState.SERVING), 3_000, now::get, metrics);
    a.tick();
    manual.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));
    assertThat(counter("fabric.members.announce.errors")).isEqualTo(1);

    now.addAndGet(3_000);
    a.tick();
    manual.completeNext();
    assertThat(manual.history()).hasSize(2);
    assertThat(counter("fabric.members.announced")).isEqualTo(1);
  }
}

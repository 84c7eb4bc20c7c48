package io.syncfabric.frontend.membership;

import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.schema.MemberAnnouncementCodec;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this frontend's pool entry on its cloud's members topic: every {@code everyMs}, and at
 * the first tick after its state changed (draining must reach other clouds fast). Runs on its own
 * thread, never the pool heartbeat's: sends are asynchronous and a failure is counted and logged at
 * a low rate, so Kafka being down only delays announcements. On a clean stop it writes a
 * {@code stopped} announcement, then a tombstone that lets compaction forget the node; readers drop
 * the node on either, so a stop is seen even where a tombstone were lost on the way.
 */
final class Announcer {
  private static final Logger log = LoggerFactory.getLogger(Announcer.class);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Runnable ensureTopic;
  private final Supplier<PoolMember> self;
  private final long everyMs;
  private final LongSupplier clockMs;
  private final MembershipMetrics metrics;
  private final LowRateLog errors;
  private boolean topicReady;
  private MemberState lastState;
  private long lastSentMs;

  /**
   * @param ensureTopic creates the members topic when missing (before the first send: a topic the
   *     broker auto-created would not be compacted); throws when Kafka does not answer
   */
  Announcer(Producer<String, byte[]> producer, String topic, Runnable ensureTopic, Supplier<PoolMember> self,
      long everyMs, LongSupplier clockMs, MembershipMetrics metrics) {
    this.producer = producer;
    this.topic = topic;
    this.ensureTopic = ensureTopic;
    this.self = self;
    this.everyMs = everyMs;
    this.clockMs = clockMs;
    this.metrics = metrics;
    this.errors = new LowRateLog(log, 60_000, clockMs);
  }

  /** Announces when due or when the state changed. Call from one thread, more often than {@code everyMs}. */
  synchronized void tick() {
    if (!topicReady) {
      try {
        ensureTopic.run();
        topicReady = true;
      } catch (RuntimeException e) {
        failed(e);
        return;
      }
    }
    PoolMember me = self.get();
    long now = clockMs.getAsLong();
    if (me.state() == lastState && now - lastSentMs < everyMs) {
      return;
    }
    lastState = me.state();
    lastSentMs = now;
    send(me.node(), MemberAnnouncementCodec.encode(Announcements.of(me, now)), now);
  }

  /** Says goodbye (when {@code goodbye}) and closes the producer, waiting at most {@code timeout}. */
  synchronized void close(boolean goodbye, Duration timeout) {
    if (goodbye && topicReady) {
      PoolMember me = self.get();
      long now = clockMs.getAsLong();
      send(me.node(), MemberAnnouncementCodec.encode(Announcements.of(me, Announcements.STOPPED, now)), now);
      send(me.node(), null, now);
    }
    producer.close(timeout);
  }

  private void send(String node, byte[] value, long nowMs) {
    try {
      producer.send(new ProducerRecord<>(topic, null, nowMs, node, value), (meta, error) -> {
        if (error != null) {
          failed(error);
        } else {
          metrics.announced();
        }
      });
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(Throwable e) {
    metrics.announceError();
    errors.warn("members: announcing this frontend on " + topic + " failed", e.toString());
  }
}

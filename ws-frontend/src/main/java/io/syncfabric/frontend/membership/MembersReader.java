package io.syncfabric.frontend.membership;

import io.syncfabric.schema.InvalidAnnouncementException;
import io.syncfabric.schema.MemberAnnouncement;
import io.syncfabric.schema.MemberAnnouncementCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this cloud's members topic and every mirrored {@code <cloud>.<topic>} into the remote view,
 * on its own thread. No consumer group: every partition is assigned by hand and read from the
 * beginning (the topics are compacted, so that is the latest announcement per node). The topic
 * list is re-read every {@code refreshMs}, so a cloud added later is picked up without a restart.
 */
final class MembersReader implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(MembersReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<String, byte[]> consumer;
  private final MembersTopics topics;
  private final RemoteMembers view;
  private final OriginLinks links;
  private final MembershipMetrics metrics;
  private final long refreshMs;
  private final LongSupplier clockMs;
  private final LowRateLog errors;
  /** mirrored topic -> origin cloud, for the topics read now. */
  private final Map<String, String> origins = new HashMap<>();
  private final Map<String, StartupBacklog> backlogs = new HashMap<>();
  private Set<TopicPartition> assigned = Set.of();
  private long nextRefreshMs;
  private volatile boolean running = true;

  MembersReader(Consumer<String, byte[]> consumer, MembersTopics topics, RemoteMembers view, OriginLinks links,
      MembershipMetrics metrics, long refreshMs, LongSupplier clockMs) {
    this.consumer = consumer;
    this.topics = topics;
    this.view = view;
    this.links = links;
    this.metrics = metrics;
    this.refreshMs = refreshMs;
    this.clockMs = clockMs;
    this.errors = new LowRateLog(log, 60_000, clockMs);
  }

  @Override
  public void run() {
    try {
      while (running) {
        if (!step()) {
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      log.error("members: the reader of the members topics stopped; other clouds' frontends will expire", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** One round: the topic list when due, then one poll. Returns false when nothing is assigned yet. */
  boolean step() {
    if (clockMs.getAsLong() >= nextRefreshMs) {
      refresh();
      nextRefreshMs = clockMs.getAsLong() + refreshMs;
    }
    if (assigned.isEmpty()) {
      return false;
    }
    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
      handle(r);
    }
    finishBacklogs();
    return true;
  }

  void close() {
    running = false;
    consumer.wakeup();
  }

  /** Lists topics and assigns every partition of the members topics, new ones from the beginning. */
  private void refresh() {
    Map<String, List<PartitionInfo>> all;
    try {
      all = consumer.listTopics(ADMIN_TIMEOUT);
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      errors.warn("members: cannot list topics", e.toString());
      return;
    }
    Map<String, String> mirrored = topics.mirroredIn(all.keySet());
    Set<TopicPartition> wanted = new HashSet<>();
    for (String topic : all.keySet()) {
      if (topic.equals(topics.own()) || mirrored.containsKey(topic)) {
        all.get(topic).forEach(p -> wanted.add(new TopicPartition(topic, p.partition())));
      }
    }
    if (wanted.equals(assigned)) {
      return;
    }
    List<TopicPartition> added = new ArrayList<>(wanted);
    added.removeAll(assigned);
    consumer.assign(wanted);
    consumer.seekToBeginning(added);
    assigned = Set.copyOf(wanted);
    backlogs.keySet().removeIf(topic -> wanted.stream().noneMatch(tp -> tp.topic().equals(topic)));
    startBacklogs(added);
    mirrored.forEach((topic, origin) -> {
      if (origins.put(topic, origin) == null) {
        log.info("members: reading {} (frontends of cloud {})", topic, origin);
      }
      if (!links.knows(origin)) {
        links.watching(origin);
        metrics.origin(origin, links);
      }
    });
    origins.keySet().retainAll(mirrored.keySet());
  }

  private void startBacklogs(List<TopicPartition> added) {
    Map<String, Map<TopicPartition, Long>> byTopic = new HashMap<>();
    consumer.endOffsets(added, ADMIN_TIMEOUT).forEach((tp, end) -> {
      if (end > 0) {
        byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp, end);
      }
    });
    byTopic.forEach((topic, ends) -> backlogs.put(topic, new StartupBacklog(ends)));
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    StartupBacklog backlog = backlogs.get(r.topic());
    boolean old = backlog != null && backlog.holds(tp, r.offset());
    String origin = origins.get(r.topic());
    if (!old && origin != null) {
      links.arrived(origin, r.timestamp());
    }
    MemberAnnouncement a = null;
    if (r.value() != null) {
      try {
        a = MemberAnnouncementCodec.decode(r.value());
      } catch (InvalidAnnouncementException e) {
        metrics.invalid(e.reason());
        return;
      }
      if (!a.getNode().equals(r.key())) {
        metrics.invalid("key-mismatch");
        return;
      }
    }
    String node = a != null ? a.getNode() : r.key();
    if (node == null) {
      metrics.invalid("null-key");
    } else if (old) {
      backlog.add(node, a == null || Announcements.STOPPED.equals(a.getState()) ? null : a, r.timestamp());
    } else if (a == null) {
      view.removed(node);
    } else {
      view.announced(node, Announcements.toPoolMember(a));
    }
  }

  private void finishBacklogs() {
    for (var it = backlogs.entrySet().iterator(); it.hasNext(); ) {
      StartupBacklog backlog = it.next().getValue();
      for (TopicPartition tp : backlog.pending()) {
        backlog.reached(tp, consumer.position(tp, ADMIN_TIMEOUT));
      }
      if (backlog.done()) {
        backlog.fresh(view.ttlMs()).forEach(a -> view.announced(a.getNode(), Announcements.toPoolMember(a)));
        it.remove();
      }
    }
  }
}

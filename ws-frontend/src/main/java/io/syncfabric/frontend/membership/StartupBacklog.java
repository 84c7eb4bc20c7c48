package io.syncfabric.frontend.membership;

import io.syncfabric.schema.MemberAnnouncement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a members topic already held when this frontend started reading it. Their arrival
 * time says nothing (they all arrive now), so the latest record per node is held until the whole
 * topic is read, and only the nodes announced within the TTL of the topic's newest record are
 * admitted: a comparison between timestamps of the same origin, so clock skew between clouds still
 * does not matter. Frontends that crashed long ago (no tombstone) are not listed even for a moment;
 * the admitted ones then live on this frontend's clock like any other entry.
 */
final class StartupBacklog {
  private record Latest(MemberAnnouncement announcement, long timestampMs) {}

  private final Map<TopicPartition, Long> endOffsets;
  private final Map<String, Latest> latest = new HashMap<>();

  /** @param endOffsets the end offset of each partition when reading began (empty partitions left out) */
  StartupBacklog(Map<TopicPartition, Long> endOffsets) {
    this.endOffsets = new HashMap<>(endOffsets);
  }

  /** Whether the record at {@code offset} was already there when reading began. */
  boolean holds(TopicPartition tp, long offset) {
    Long end = endOffsets.get(tp);
    return end != null && offset < end;
  }

  /** Keeps the latest record of {@code node}; a null announcement is a tombstone or a stop. */
  void add(String node, MemberAnnouncement announcement, long timestampMs) {
    latest.put(node, new Latest(announcement, timestampMs));
  }

  /** The reader's position in {@code tp} is now {@code position}. */
  void reached(TopicPartition tp, long position) {
    Long end = endOffsets.get(tp);
    if (end != null && position >= end) {
      endOffsets.remove(tp);
    }
  }

  Iterable<TopicPartition> pending() {
    return List.copyOf(endOffsets.keySet());
  }

  boolean done() {
    return endOffsets.isEmpty();
  }

  /** Announcements made within {@code ttlMs} of the newest record of the backlog, as that origin's clock tells. */
  List<MemberAnnouncement> fresh(long ttlMs) {
    long newest = latest.values().stream().mapToLong(Latest::timestampMs).max().orElse(Long.MIN_VALUE);
    List<MemberAnnouncement> result = new ArrayList<>();
    for (Latest l : latest.values()) {
      if (l.announcement() != null && l.timestampMs() >= newest - ttlMs) {
        result.add(l.announcement());
      }
    }
    return result;
  }
}

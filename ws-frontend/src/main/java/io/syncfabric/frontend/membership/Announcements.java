package io.syncfabric.frontend.membership;

import io.syncfabric.frontend.metrics.LiveStats;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.schema.MemberAnnouncement;

/** Converts between a pool entry (Hazelcast, this cloud) and its announcement (Kafka, every cloud). */
final class Announcements {
  static final String STOPPED = "stopped";

  private Announcements() {}

  static MemberAnnouncement of(PoolMember m, String state, long nowMs) {
    LiveStats.Snapshot live = m.live();
    return MemberAnnouncement.newBuilder()
        .setNode(m.node()).setCloud(m.cloud()).setRegion(m.region()).setUrl(m.url()).setHttp(m.http())
        .setState(state).setConnections(m.connections()).setCapacity(m.capacity()).setAnnouncedAt(nowMs)
        .setMessagesPerSec(live.messagesPerSec()).setDeliveriesPerSec(live.deliveriesPerSec())
        .setLatencyP50Ms(live.latencyP50Ms()).setLatencyP99Ms(live.latencyP99Ms())
        .build();
  }

  static MemberAnnouncement of(PoolMember m, long nowMs) {
    return of(m, m.state().label(), nowMs);
  }

  /** The announced frontend as a pool entry; null for {@code stopped} (no such pool state: it is gone). */
  static PoolMember toPoolMember(MemberAnnouncement a) {
    if (STOPPED.equals(a.getState())) {
      return null;
    }
    return new PoolMember(a.getNode(), a.getCloud(), a.getRegion(), a.getUrl(), a.getHttp(), a.getConnections(),
        a.getCapacity(), MemberState.parse(a.getState()), "", 0,
        new LiveStats.Snapshot(a.getMessagesPerSec(), a.getDeliveriesPerSec(), a.getLatencyP50Ms(), a.getLatencyP99Ms()));
  }
}

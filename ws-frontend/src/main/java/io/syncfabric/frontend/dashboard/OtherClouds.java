package io.syncfabric.frontend.dashboard;

import io.syncfabric.frontend.pool.LiveMember;
import java.util.List;
import java.util.OptionalLong;

/** What the dashboard shows of the other clouds: their frontends and how far behind their mirrored data is. */
public interface OtherClouds {
  /** No other cloud known (a single-cloud deployment, tests). */
  OtherClouds NONE = new OtherClouds() {
    @Override
    public List<LiveMember> frontends() {
      return List.of();
    }

    @Override
    public OptionalLong replicationLagMs(String cloud) {
      return OptionalLong.empty();
    }
  };

  /** Frontends of other clouds heard from within their TTL. */
  List<LiveMember> frontends();

  /** Replication lag of the data mirrored from {@code cloud}, once some arrived. */
  OptionalLong replicationLagMs(String cloud);
}

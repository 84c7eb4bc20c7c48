package io.syncfabric.frontend.dashboard;

import io.syncfabric.frontend.pool.LiveMember;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the dashboard shows of the other clouds: their frontends and how far behind their mirrored data is. */
public interface OtherClouds {
  /** No other cloud known (a single-cloud deployment, tests). */
  OtherClouds NONE = of(List::of, cloud -> OptionalLong.empty());

  static OtherClouds of(Supplier<List<LiveMember>> frontends, Function<String, OptionalLong> replicationLagMs) {
    return new OtherClouds() {
      @Override
      public List<LiveMember> frontends() {
        return frontends.get();
      }

      @Override
      public OptionalLong replicationLagMs(String cloud) {
        return replicationLagMs.apply(cloud);
      }
    };
  }

  /** Frontends of other clouds heard from within their TTL. */
  List<LiveMember> frontends();

  /** Replication lag of the data mirrored from {@code cloud}, once some arrived. */
  OptionalLong replicationLagMs(String cloud);
}

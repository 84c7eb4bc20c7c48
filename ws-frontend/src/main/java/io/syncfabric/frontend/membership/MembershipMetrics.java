package io.syncfabric.frontend.membership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Meters of cross-cloud membership; origin tags are cloud ids (one per cloud: low cardinality). */
final class MembershipMetrics {
  private final MeterRegistry registry;
  private final Counter announced;
  private final Counter announceErrors;
  private final Map<String, Counter> invalid = new ConcurrentHashMap<>();

  MembershipMetrics(MeterRegistry registry, Supplier<Number> remoteServing) {
    this.registry = registry;
    announced = Counter.builder("fabric.members.announced")
        .description("Announcements of this frontend written to the members topic").register(registry);
    announceErrors = Counter.builder("fabric.members.announce.errors")
        .description("Announcements that could not be written (Kafka down, topic missing)").register(registry);
    Gauge.builder("fabric.members.remote", remoteServing)
        .description("Serving frontends of other clouds this frontend lists in discovery").register(registry);
  }

  void announced() {
    announced.increment();
  }

  void announceError() {
    announceErrors.increment();
  }

  /** A record on a members topic that is not a valid announcement, by reason. */
  void invalid(String reason) {
    invalid.computeIfAbsent(reason, r -> Counter.builder("fabric.members.invalid")
        .description("Records on members topics that are not valid announcements, skipped").tag("reason", r)
        .register(registry)).increment();
  }

  /** Registers the lag and age gauges of one origin cloud (once per origin). */
  void origin(String origin, OriginLinks links) {
    Gauge.builder("fabric.replication.lag.ms", () -> {
      OriginLinks.Link l = links.link(origin);
      return l == null || l.lagMs() < 0 ? Double.NaN : l.lagMs();
    }).description("Receive time minus record timestamp of the last announcement mirrored from the origin cloud")
        .tag("origin", origin).register(registry);
    Gauge.builder("fabric.replication.last.record.age.ms", () -> {
      OriginLinks.Link l = links.link(origin);
      return l == null ? Double.NaN : l.ageMs();
    }).description("Time since the last record mirrored from the origin cloud arrived (grows when the link is down)")
        .tag("origin", origin).register(registry);
  }
}

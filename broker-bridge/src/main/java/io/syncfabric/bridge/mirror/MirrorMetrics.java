package io.syncfabric.bridge.mirror;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The mirror's meters, one set per flow (tags {@code source}, {@code target}), read from the latest
 * {@link FlowSample}s and {@link FlowHealth}: records and bytes replicated, replication latency and
 * whether heartbeats still arrive. Names are listed in docs/observability.md.
 */
final class MirrorMetrics {
  private final Map<MirrorFlow, FlowSample> latest = new ConcurrentHashMap<>();
  private final Counter restarts;

  MirrorMetrics(MeterRegistry registry, List<MirrorFlow> flows, FlowHealth health) {
    this.restarts = Counter.builder("fabric.mirror.restarts")
        .description("MirrorMaker 2 restarts because a flow's heartbeats stopped").register(registry);
    for (MirrorFlow flow : flows) {
      latest.put(flow, FlowSample.NONE);
      Tags tags = Tags.of("source", flow.source(), "target", flow.target());
      FunctionCounter.builder("fabric.mirror.records", flow, f -> sample(f, FlowSample::records))
          .tags(tags).description("Records of the fabric's topics replicated by this flow").register(registry);
      FunctionCounter.builder("fabric.mirror.bytes", flow, f -> sample(f, FlowSample::bytes))
          .tags(tags).baseUnit("bytes").description("Key and value bytes replicated (before compression)").register(registry);
      Gauge.builder("fabric.mirror.replication.latency.avg.ms", flow, f -> sample(f, FlowSample::latencyAvgMs))
          .tags(tags).description("Source append to target append, windowed average (MirrorMaker 2)").register(registry);
      Gauge.builder("fabric.mirror.replication.latency.max.ms", flow, f -> sample(f, FlowSample::latencyMaxMs))
          .tags(tags).description("Source append to target append, windowed maximum (MirrorMaker 2)").register(registry);
      Gauge.builder("fabric.mirror.flow.up", flow, f -> health.status(f).state() == FlowHealth.State.UP ? 1 : 0)
          .tags(tags).description("1 while the flow's heartbeats arrive").register(registry);
      Gauge.builder("fabric.mirror.heartbeat.age.seconds", flow, f -> {
        var since = health.status(f).sinceHeartbeat();
        return since == null ? Double.NaN : since.toMillis() / 1000.0;
      }).tags(tags).description("Seconds since the flow last replicated a heartbeat").register(registry);
    }
  }

  void restarted() {
    restarts.increment();
  }

  void update(Map<MirrorFlow, FlowSample> samples) {
    latest.putAll(samples);
  }

  FlowSample latest(MirrorFlow flow) {
    return latest.getOrDefault(flow, FlowSample.NONE);
  }

  private double sample(MirrorFlow flow, ToDoubleFunction<FlowSample> value) {
    return value.applyAsDouble(latest(flow));
  }
}

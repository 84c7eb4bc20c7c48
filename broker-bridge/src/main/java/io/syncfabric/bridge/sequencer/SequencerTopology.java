package io.syncfabric.bridge.sequencer;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncfabric.bridge.route.ChannelSource;
import io.syncfabric.bridge.route.Route;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The sequencer as a Kafka Streams topology:
 *
 * <pre>
 * ingress ──resolve──┬─(home partition)──────────────▶ sequence ──▶ events
 *                    ├─(elsewhere)──▶ rekey topic ──▶ sequence
 *                    └─(bad)────────▶ dlq
 * route topic ──resolve──┬──▶ rekey topic
 *                        └──▶ dlq
 * </pre>
 *
 * The re-key topic has as many partitions as ingress and is keyed by channel, so both paths of a
 * channel meet in the same task and the same counter.
 */
public final class SequencerTopology {
  static final String COUNTERS_STORE = "channel-counters";
  static final String SEQUENCE = "sequence";
  static final String EVENTS_SINK = "events-sink";
  static final String REKEY_SINK = "rekey-sink";
  static final String DLQ_SINK = "dlq-sink";

  private SequencerTopology() {}

  /** Everything the topology is built from. */
  public record Spec(
      String cloud,
      String ingressTopic,
      String eventsTopic,
      String dlqTopic,
      String rekeyTopic,
      int ingressPartitions,
      int maxPayloadBytes,
      List<Route> routes,
      Clock clock,
      MeterRegistry registry) {}

  public static Topology build(Spec spec) {
    return build(spec, new EpochSource(spec.clock()));
  }

  static Topology build(Spec spec, Supplier<String> epochs) {
    SequencerMetrics metrics = new SequencerMetrics(spec.registry());
    RecordResolver resolver = new RecordResolver(spec.cloud(), spec.maxPayloadBytes());
    var bytes = Serdes.ByteArray();
    var strings = Serdes.String();
    var envelopes = EnvelopeSerde.serde();

    Topology topology = new Topology();
    topology.addSource("ingress", bytes.deserializer(), bytes.deserializer(), spec.ingressTopic());
    topology.addProcessor("resolve-ingress",
        () -> new ResolveProcessor(resolver, new ChannelSource.FromKey(), "", spec.ingressPartitions(), metrics),
        "ingress");
    topology.addSource("rekeyed", strings.deserializer(), envelopes.deserializer(), spec.rekeyTopic());
    topology.addProcessor(SEQUENCE, () -> new SequenceProcessor(epochs, spec.clock(), metrics),
        "resolve-ingress", "rekeyed");
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(COUNTERS_STORE), strings, ChannelCounter.serde()), SEQUENCE);

    String[] resolvers = new String[spec.routes().size() + 1];
    resolvers[0] = "resolve-ingress";
    for (int i = 0; i < spec.routes().size(); i++) {
      Route route = spec.routes().get(i);
      String sourceName = "route-" + i;
      resolvers[i + 1] = "resolve-" + sourceName;
      topology.addSource(sourceName, bytes.deserializer(), bytes.deserializer(), route.topic());
      topology.addProcessor(resolvers[i + 1],
          () -> new ResolveProcessor(resolver, route.source(), route.prefix(), 0, metrics), sourceName);
    }
    topology.addSink(EVENTS_SINK, spec.eventsTopic(), strings.serializer(), envelopes.serializer(), SEQUENCE);
    topology.addSink(REKEY_SINK, spec.rekeyTopic(), strings.serializer(), envelopes.serializer(), resolvers);
    topology.addSink(DLQ_SINK, spec.dlqTopic(), bytes.serializer(), bytes.serializer(), resolvers);
    return topology;
  }
}

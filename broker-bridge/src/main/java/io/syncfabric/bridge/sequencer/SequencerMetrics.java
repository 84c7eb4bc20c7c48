package io.syncfabric.bridge.sequencer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The sequencer's counters: records sequenced, re-keyed and dead-lettered by reason. */
final class SequencerMetrics {
  private final Counter sequenced;
  private final Counter rekeyed;
  private final Map<DlqReason, Counter> deadLettered = new EnumMap<>(DlqReason.class);

  SequencerMetrics(MeterRegistry registry) {
    sequenced = Counter.builder("fabric.sequencer.sequenced")
        .description("Messages given a channel seq and written to the events topic")
        .register(registry);
    rekeyed = Counter.builder("fabric.sequencer.rekeyed")
        .description("Records sent through the re-key topic because they were not on their channel's partition")
        .register(registry);
    for (DlqReason reason : DlqReason.values()) {
      deadLettered.put(reason, Counter.builder("fabric.sequencer.dlq")
          .description("Records written to the dead-letter topic")
          .tag("reason", reason.code())
          .register(registry));
    }
  }

  void sequenced() {
    sequenced.increment();
  }

  void rekeyed() {
    rekeyed.increment();
  }

  void deadLettered(DlqReason reason) {
    deadLettered.get(reason).increment();
  }
}

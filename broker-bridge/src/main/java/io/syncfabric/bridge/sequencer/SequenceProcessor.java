package io.syncfabric.bridge.sequencer;

import io.syncfabric.schema.Envelope;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each message its channel's next seq. The counter lives in a changelogged store and the
 * application runs exactly-once: the store update, the output envelope and the input offset commit
 * in one transaction, so a restart neither skips nor repeats a seq. A channel with no stored counter
 * (new, or its state lost) starts a new epoch at seq 1.
 */
final class SequenceProcessor implements Processor<String, Envelope, String, Envelope> {
  private final Supplier<String> epochs;
  private final Clock clock;
  private final SequencerMetrics metrics;
  private ProcessorContext<String, Envelope> context;
  private KeyValueStore<String, ChannelCounter> counters;

  SequenceProcessor(Supplier<String> epochs, Clock clock, SequencerMetrics metrics) {
    this.epochs = epochs;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Envelope> context) {
    this.context = context;
    this.counters = context.getStateStore(SequencerTopology.COUNTERS_STORE);
  }

  @Override
  public void process(Record<String, Envelope> record) {
    String channel = record.key();
    ChannelCounter current = counters.get(channel);
    ChannelCounter next = current == null ? new ChannelCounter(epochs.get(), 1) : current.next();
    counters.put(channel, next);
    Envelope envelope = record.value();
    envelope.setEpoch(next.epoch());
    envelope.setSeq(next.seq());
    envelope.setSequencedAt(clock.millis());
    // Backend headers travel inside the envelope; the events record carries none of its own.
    context.forward(new Record<>(channel, envelope, record.timestamp(), new RecordHeaders()),
        SequencerTopology.EVENTS_SINK);
    metrics.sequenced();
  }
}

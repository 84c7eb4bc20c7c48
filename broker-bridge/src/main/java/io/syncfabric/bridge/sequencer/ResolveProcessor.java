package io.syncfabric.bridge.sequencer;

import io.syncfabric.bridge.route.ChannelSource;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step for every input topic: resolve the channel, check the record, and send it on. A record
 * already on its channel's home partition (ingress written with Kafka's default key partitioner)
 * goes straight to the sequence step; others go through the re-key topic so that every channel is
 * counted by exactly one task; bad records go to the dead-letter topic.
 */
final class ResolveProcessor implements Processor<byte[], byte[], Object, Object> {
  private final RecordResolver resolver;
  private final ChannelSource source;
  private final String prefix;
  /** Partition count of the sequencing sub-topology; 0 = always re-key (routed topics). */
  private final int homePartitions;
  private final SequencerMetrics metrics;
  private ProcessorContext<Object, Object> context;

  ResolveProcessor(RecordResolver resolver, ChannelSource source, String prefix, int homePartitions,
      SequencerMetrics metrics) {
    this.resolver = resolver;
    this.source = source;
    this.prefix = prefix;
    this.homePartitions = homePartitions;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    Resolution resolution = resolver.resolve(meta.topic(), meta.partition(), meta.offset(),
        record.timestamp(), record.key(), record.headers(), record.value(), source, prefix);
    if (resolution instanceof Resolution.Accepted accepted) {
      Record<Object, Object> out = new Record<>(accepted.channel(), accepted.pending(), record.timestamp());
      if (homePartitions > 0 && homePartition(accepted.channel()) == meta.partition()) {
        context.forward(out, SequencerTopology.SEQUENCE);
      } else {
        metrics.rekeyed();
        context.forward(out, SequencerTopology.REKEY_SINK);
      }
    } else if (resolution instanceof Resolution.Rejected rejected) {
      metrics.deadLettered(rejected.reason());
      RecordHeaders headers = new RecordHeaders(record.headers().toArray());
      headers.add(DeadLetterHeaders.REASON, bytes(rejected.reason().code()));
      headers.add(DeadLetterHeaders.DETAIL, bytes(rejected.detail()));
      headers.add(DeadLetterHeaders.TOPIC, bytes(meta.topic()));
      headers.add(DeadLetterHeaders.PARTITION, bytes(Integer.toString(meta.partition())));
      headers.add(DeadLetterHeaders.OFFSET, bytes(Long.toString(meta.offset())));
      context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
          SequencerTopology.DLQ_SINK);
    }
  }

  /** Same partition Kafka's default partitioner picks for this channel as a UTF-8 key. */
  private int homePartition(String channel) {
    return Utils.toPositive(Utils.murmur2(channel.getBytes(StandardCharsets.UTF_8))) % homePartitions;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}

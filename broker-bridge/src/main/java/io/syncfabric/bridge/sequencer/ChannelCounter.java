package io.syncfabric.bridge.sequencer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A channel's counter state: its epoch and the last seq given out. Stored per channel, changelogged. */
record ChannelCounter(String epoch, long seq) {

  ChannelCounter next() {
    return new ChannelCounter(epoch, seq + 1);
  }

  /** Wire form: 8-byte seq then the epoch in UTF-8. */
  static Serde<ChannelCounter> serde() {
    Serializer<ChannelCounter> serializer = (topic, c) -> {
      if (c == null) {
        return null;
      }
      byte[] epoch = c.epoch().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(8 + epoch.length).putLong(c.seq()).put(epoch).array();
    };
    Deserializer<ChannelCounter> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < 9) {
        throw new SerializationException("channel counter too short: " + bytes.length + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long seq = buffer.getLong();
      return new ChannelCounter(new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8), seq);
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}

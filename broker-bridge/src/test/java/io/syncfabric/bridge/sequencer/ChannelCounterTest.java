package io.syncfabric.bridge.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ChannelCounterTest {
  private final Serde<ChannelCounter> serde = ChannelCounter.serde();

  private ChannelCounter roundTrip(ChannelCounter c) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));
  }

  @Test
  void roundTripsEpochAndSeq() {
    ChannelCounter c = new ChannelCounter("mf3k2a9x-4kq1", 123_456_789_012L);

    assertThat(roundTrip(c)).isEqualTo(c);
  }

  @Test
  void roundTripsNonAsciiEpoch() {
    ChannelCounter c = new ChannelCounter("époque-ü", 1);

    assertThat(roundTrip(c)).isEqualTo(c);
  }

  @Test
  void wireFormIsEightByteSeqThenEpoch() {
    byte[] bytes = serde.serializer().serialize("t", new ChannelCounter("e", 258));

    assertThat(bytes).containsExactly(0, 0, 0, 0, 0, 0, 1, 2, 'e');
  }

  @Test
  void nullStaysNull() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void bytesTooShortForSeqAndEpochAreRejected() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[8]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("8 bytes");
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[0]))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void nextKeepsTheEpochAndAddsOne() {
    assertThat(new ChannelCounter("e", 41).next()).isEqualTo(new ChannelCounter("e", 42));
  }
}

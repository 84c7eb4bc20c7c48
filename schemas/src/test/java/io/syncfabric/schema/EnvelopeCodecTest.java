package io.syncfabric.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  static Envelope sample() {
    return Envelope.newBuilder()
        .setChannel("chat:lobby").setEpoch("mf3k2a9x-4kq1").setSeq(42)
        .setOriginCloud("a").setOriginTopic("fabric.ingress").setOriginPartition(3).setOriginOffset(1234)
        .setPublishedAt(1_700_000_000_000L).setSequencedAt(1_700_000_000_005L)
        .setContentType("application/json").setHeaders(Map.of("trace", "t-1"))
        .setPayload(ByteBuffer.wrap("{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  @Test
  void roundTripsEveryField() throws Exception {
    Envelope original = sample();
    byte[] bytes = EnvelopeCodec.encode(original);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(EnvelopeCodec.decode(bytes)).isEqualTo(original);
  }

  @Test
  void encodingTwiceGivesIndependentArrays() throws Exception {
    byte[] first = EnvelopeCodec.encode(sample());
    Envelope other = sample();
    other.setChannel("other");
    EnvelopeCodec.encode(other);
    assertThat(EnvelopeCodec.decode(first).getChannel()).isEqualTo("chat:lobby");
  }

  @Test
  void rejectsNullAndShortInput() {
    assertThatThrownBy(() -> EnvelopeCodec.decode(null)).isInstanceOf(InvalidEnvelopeException.class)
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("null-value");
    assertThatThrownBy(() -> EnvelopeCodec.decode(new byte[] {(byte) 0xC3, 1}))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("too-short");
  }

  @Test
  void rejectsAForeignMarker() {
    byte[] bytes = EnvelopeCodec.encode(sample());
    bytes[0] = 0x00;
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("bad-header");
  }

  @Test
  void rejectsAnUnknownSchemaFingerprint() {
    byte[] bytes = EnvelopeCodec.encode(sample());
    bytes[5] ^= 0x55;
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("unknown-schema");
  }

  @Test
  void rejectsATruncatedBody() {
    byte[] bytes = EnvelopeCodec.encode(sample());
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 5);
    assertThatThrownBy(() -> EnvelopeCodec.decode(cut))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("corrupt-body");
  }

  @Test
  void rejectsAHugeLengthPrefixWithoutAllocatingIt() {
    byte[] header = java.util.Arrays.copyOf(EnvelopeCodec.encode(sample()), EnvelopeCodec.HEADER_BYTES);
    // channel length as a zig-zag varint of ~1 billion: must fail, not try to allocate a gigabyte
    byte[] body = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'a'};
    byte[] bytes = new byte[header.length + body.length];
    System.arraycopy(header, 0, bytes, 0, header.length);
    System.arraycopy(body, 0, bytes, header.length, body.length);
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("corrupt-body");
  }

  @Test
  void rejectsAnUnsequencedEnvelopeOnTheEventsPath() throws Exception {
    Envelope pending = sample();
    pending.setSeq(0);
    pending.setEpoch("");
    byte[] bytes = EnvelopeCodec.encode(pending);
    assertThat(EnvelopeCodec.decodeAny(bytes).getSeq()).isZero();
    assertThatThrownBy(() -> EnvelopeCodec.decode(bytes))
        .extracting(e -> ((InvalidEnvelopeException) e).reason()).isEqualTo("unsequenced");
  }

  @Test
  void neverThrowsAnythingElseOnRandomBodies() {
    Random random = new Random(7);
    byte[] header = java.util.Arrays.copyOf(EnvelopeCodec.encode(sample()), EnvelopeCodec.HEADER_BYTES);
    for (int i = 0; i < 5_000; i++) {
      byte[] body = new byte[random.nextInt(200)];
      random.nextBytes(body);
      byte[] bytes = new byte[header.length + body.length];
      System.arraycopy(header, 0, bytes, 0, header.length);
      System.arraycopy(body, 0, bytes, header.length, body.length);
      try {
        EnvelopeCodec.decode(bytes);
      } catch (InvalidEnvelopeException expected) {
        // fine: the only way decode may fail
      }
    }
  }
}

package io.syncfabric.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;

/**
 * Avro single-object encoding of {@link Envelope}: marker {@code C3 01}, the schema's 8-byte
 * CRC-64-AVRO fingerprint, then the binary body. Readers recognise the schema by its fingerprint, so
 * no registry is needed. Decoding never throws anything but {@link InvalidEnvelopeException}.
 */
public final class EnvelopeCodec {
  /** Size of the single-object header: 2 marker bytes + 8 fingerprint bytes. */
  public static final int HEADER_BYTES = 10;

  /** Decoding bounds: see {@link AvroLimits}. */
  static final long MAX_DECLARED_BYTES = AvroLimits.MAX_DECLARED_BYTES;

  static {
    AvroLimits.install();
  }

  private static final BinaryMessageEncoder<Envelope> ENCODER = Envelope.getEncoder();
  private static final BinaryMessageDecoder<Envelope> DECODER = Envelope.getDecoder();

  private EnvelopeCodec() {}

  public static byte[] encode(Envelope envelope) {
    try {
      ByteBuffer buffer = ENCODER.encode(envelope);
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("encoding into memory cannot fail", e);
    }
  }

  /**
   * Decodes one sequenced envelope (as read from the events topic).
   *
   * @throws InvalidEnvelopeException for null, truncated, foreign-schema or corrupt input, or an
   *     envelope without a channel, epoch or positive seq
   */
  public static Envelope decode(byte[] bytes) throws InvalidEnvelopeException {
    Envelope envelope = decodeAny(bytes);
    if (envelope.getChannel().isEmpty() || envelope.getEpoch().isEmpty() || envelope.getSeq() < 1) {
      throw new InvalidEnvelopeException("unsequenced", null);
    }
    return envelope;
  }

  /** Decodes an envelope that may not be sequenced yet (the sequencer's internal re-key topic). */
  public static Envelope decodeAny(byte[] bytes) throws InvalidEnvelopeException {
    if (bytes == null) {
      throw new InvalidEnvelopeException("null-value", null);
    }
    if (bytes.length < HEADER_BYTES) {
      throw new InvalidEnvelopeException("too-short", null);
    }
    try {
      return DECODER.decode(bytes);
    } catch (BadHeaderException e) {
      throw new InvalidEnvelopeException("bad-header", e);
    } catch (MissingSchemaException e) {
      throw new InvalidEnvelopeException("unknown-schema", e);
    } catch (IOException | RuntimeException e) {
      throw new InvalidEnvelopeException("corrupt-body", e);
    }
  }
}

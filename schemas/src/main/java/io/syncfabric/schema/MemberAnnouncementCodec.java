package io.syncfabric.schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;

/**
 * Avro single-object encoding of {@link MemberAnnouncement}, as {@link EnvelopeCodec} does it for
 * envelopes: marker, schema fingerprint, binary body; bounded decoding; decoding never throws
 * anything but {@link InvalidAnnouncementException}.
 */
public final class MemberAnnouncementCodec {
  /** The states an announcement may carry; only {@code serving} frontends are offered to clients. */
  public static final Set<String> STATES = Set.of("starting", "serving", "draining", "stopped");

  /** Longest node, cloud, region or URL accepted: these end up in every discovery answer. */
  static final int MAX_TEXT = 512;

  static {
    AvroLimits.install();
  }

  private static final BinaryMessageEncoder<MemberAnnouncement> ENCODER = MemberAnnouncement.getEncoder();
  private static final BinaryMessageDecoder<MemberAnnouncement> DECODER = MemberAnnouncement.getDecoder();

  private MemberAnnouncementCodec() {}

  public static byte[] encode(MemberAnnouncement announcement) {
    try {
      ByteBuffer buffer = ENCODER.encode(announcement);
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("encoding into memory cannot fail", e);
    }
  }

  /**
   * Decodes one announcement (a tombstone, a null value, is the reader's business, not this codec's).
   *
   * @throws InvalidAnnouncementException for null, truncated, foreign-schema or corrupt input, or an
   *     announcement with an empty or oversized text field, an unknown state or negative counts
   */
  public static MemberAnnouncement decode(byte[] bytes) throws InvalidAnnouncementException {
    if (bytes == null) {
      throw new InvalidAnnouncementException("null-value", null);
    }
    if (bytes.length < EnvelopeCodec.HEADER_BYTES) {
      throw new InvalidAnnouncementException("too-short", null);
    }
    MemberAnnouncement a;
    try {
      a = DECODER.decode(bytes);
    } catch (BadHeaderException e) {
      throw new InvalidAnnouncementException("bad-header", e);
    } catch (MissingSchemaException e) {
      throw new InvalidAnnouncementException("unknown-schema", e);
    } catch (IOException | RuntimeException e) {
      throw new InvalidAnnouncementException("corrupt-body", e);
    }
    if (!text(a.getNode()) || !text(a.getCloud()) || !text(a.getRegion()) || !text(a.getUrl())
        || !text(a.getHttp()) || !STATES.contains(a.getState()) || a.getConnections() < 0 || a.getCapacity() < 0) {
      throw new InvalidAnnouncementException("bad-field", null);
    }
    return a;
  }

  private static boolean text(String s) {
    return !s.isEmpty() && s.length() <= MAX_TEXT;
  }
}

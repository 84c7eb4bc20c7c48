package io.syncfabric.schema;

import static io.syncfabric.schema.Escaped.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * Property tests of the events-topic decoder: a frontend reads whatever is on the topic, so any
 * bytes must decode to a sequenced envelope or fail with {@link InvalidEnvelopeException} and a
 * known reason (a metric tag), never another exception and never a huge allocation.
 */
class EnvelopeCodecFuzzTest {
  /** Fixed, so CI tries the same inputs every run; change it (or drop it from @Property) to explore. */
  private static final String SEED = "-3527148216345931431";

  static final Set<String> REASONS = Set.of("null-value", "too-short", "bad-header", "unknown-schema", "corrupt-body",
      "unsequenced");

  @Property(tries = 5_000, seed = SEED)
  @Label("decode(arbitrary bytes)")
  void arbitraryBytesDecodeOrFailWithAKnownReason(@ForAll Random r) throws Exception {
    byte[] header = Arrays.copyOf(EnvelopeCodec.encode(envelope(new Random(1))), EnvelopeCodec.HEADER_BYTES);
    byte[] bytes = new byte[r.nextInt(r.nextBoolean() ? 16 : 400)];
    r.nextBytes(bytes);
    if (r.nextBoolean() && bytes.length >= header.length) { // past the header, into the body decoder
      System.arraycopy(header, 0, bytes, 0, header.length);
    }
    checkDecode(bytes);
  }

  @Property(tries = 5_000, seed = SEED)
  @Label("decode(mutated encoding)")
  void mutatedEncodingsDecodeOrFailWithAKnownReason(@ForAll Random r) throws Exception {
    checkDecode(mutate(r, EnvelopeCodec.encode(envelope(r))));
  }

  /**
   * A record's declared lengths are attacker-controlled: decoding must cost memory in proportion to
   * the bytes actually there, or one small corrupt record makes every frontend allocate gigabytes.
   */
  @Property(tries = 2_000, seed = SEED)
  @Label("decode allocation")
  void decodingAllocationIsBoundedWhateverTheRecordDeclares(@ForAll Random r) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] bytes = mutate(r, EnvelopeCodec.encode(envelope(r)));
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      EnvelopeCodec.decode(bytes);
    } catch (InvalidEnvelopeException expected) {
      // either outcome is fine; only the cost is checked here
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // A length field can still claim up to the codec's Avro limits (16 MiB, far above any envelope),
    // but never more: one corrupt record cannot exhaust the heap (it once asked for 2 GB).
    assertThat(allocated).as("bytes allocated decoding %d bytes: %s", bytes.length, hex(bytes))
        .isLessThan(16L * bytes.length + 3 * EnvelopeCodec.MAX_DECLARED_BYTES);
  }

  @Property(tries = 3_000, seed = SEED)
  @Label("round trip")
  void validEnvelopesRoundTripExactly(@ForAll Random r) throws Exception {
    Envelope original = envelope(r);
    byte[] bytes = EnvelopeCodec.encode(original);

    Envelope decoded = EnvelopeCodec.decode(bytes);

    assertThat(decoded).as(hex(bytes)).isEqualTo(original);
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(decoded))).isEqualTo(original);
    if (original.getHeaders().size() <= 1) { // with one map order, the encoding itself is stable
      assertThat(EnvelopeCodec.encode(decoded)).isEqualTo(bytes);
    }
  }

  @Property(tries = 1_000, seed = SEED)
  @Label("unsequenced")
  void unsequencedEnvelopesAreRefusedOnTheEventsPathAndReadByDecodeAny(@ForAll Random r) throws Exception {
    Envelope pending = envelope(r);
    switch (r.nextInt(3)) {
      case 0 -> pending.setSeq(-(r.nextLong() & Long.MAX_VALUE));
      case 1 -> pending.setEpoch("");
      default -> pending.setChannel("");
    }
    byte[] bytes = EnvelopeCodec.encode(pending);

    assertThat(EnvelopeCodec.decodeAny(bytes)).isEqualTo(pending);
    assertThat(reasonOf(bytes)).isEqualTo("unsequenced");
  }

  /** decode and decodeAny: a readable envelope, or InvalidEnvelopeException with a known reason. */
  private static void checkDecode(byte[] bytes) {
    try {
      Envelope e = EnvelopeCodec.decode(bytes);
      assertThat(e.getChannel()).as(hex(bytes)).isNotEmpty();
      assertThat(e.getEpoch()).as(hex(bytes)).isNotEmpty();
      assertThat(e.getSeq()).as(hex(bytes)).isPositive();
      // what decodes is a value the codec can write and read again unchanged
      assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).as(hex(bytes)).isEqualTo(e);
    } catch (InvalidEnvelopeException e) {
      assertThat(e.reason()).as(hex(bytes)).isIn(REASONS).isEqualTo(e.getMessage());
    } catch (Throwable t) {
      throw new AssertionError("decode threw " + t + " for " + hex(bytes), t);
    }
    try {
      EnvelopeCodec.decodeAny(bytes);
    } catch (InvalidEnvelopeException e) {
      assertThat(e.reason()).as(hex(bytes)).isIn(REASONS).isNotEqualTo("unsequenced");
    } catch (Throwable t) {
      throw new AssertionError("decodeAny threw " + t + " for " + hex(bytes), t);
    }
  }

  private static String reasonOf(byte[] bytes) {
    try {
      EnvelopeCodec.decode(bytes);
    } catch (InvalidEnvelopeException e) {
      return e.reason();
    }
    throw new AssertionError("decoded " + hex(bytes));
  }

  /** A valid, sequenced envelope with any Unicode text, any numbers, headers and binary payload. */
  static Envelope envelope(Random r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = r.nextInt(4) == 0 ? r.nextInt(17) : 0; i > 0; i--) {
      headers.put(text(r, 1 + r.nextInt(20)), text(r, r.nextInt(40)));
    }
    byte[] payload = new byte[r.nextInt(4) == 0 ? r.nextInt(70_000) : r.nextInt(300)];
    r.nextBytes(payload);
    return Envelope.newBuilder()
        .setChannel(text(r, 1 + r.nextInt(200))).setEpoch(text(r, 1 + r.nextInt(64)))
        .setSeq(1 + (r.nextLong() & (Long.MAX_VALUE - 1)))
        .setOriginCloud(text(r, r.nextInt(10))).setOriginTopic(text(r, r.nextInt(40)))
        .setOriginPartition(r.nextInt()).setOriginOffset(r.nextLong())
        .setPublishedAt(r.nextLong()).setSequencedAt(r.nextLong())
        .setContentType(text(r, r.nextInt(30))).setHeaders(headers)
        .setPayload(ByteBuffer.wrap(payload))
        .build();
  }

  /** Well-formed Unicode of every plane (Avro strings are UTF-8). */
  static String text(Random r, int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.appendCodePoint(switch (r.nextInt(4)) {
        case 0 -> r.nextInt(0x80);
        case 1 -> 0x80 + r.nextInt(0xD800 - 0x80);
        case 2 -> 0x10000 + r.nextInt(0x100000);
        default -> 'a' + r.nextInt(26);
      });
    }
    return b.toString();
  }

  /** Bit flips, overwritten bytes, huge varints, cuts, insertions and appended junk. */
  static byte[] mutate(Random r, byte[] bytes) {
    byte[] out = bytes;
    for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
      int at = r.nextInt(out.length + 1);
      switch (r.nextInt(6)) {
        case 0 -> {
          if (at < out.length) {
            out[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> {
          if (at < out.length) {
            out[at] = (byte) r.nextInt(256);
          }
        }
        case 2 -> out = Arrays.copyOf(out, at);
        case 3 -> out = splice(out, at, hugeVarint(r));
        case 4 -> {
          byte[] junk = new byte[1 + r.nextInt(16)];
          r.nextBytes(junk);
          out = splice(out, at, junk);
        }
        default -> { // a length or count near the start of the body: the riskiest bytes
          int body = EnvelopeCodec.HEADER_BYTES + r.nextInt(8);
          if (body < out.length) {
            out = splice(Arrays.copyOf(out, body), body, concat(hugeVarint(r), Arrays.copyOfRange(out, body, out.length)));
          }
        }
      }
    }
    return out;
  }

  /** A zig-zag varint of a huge or negative long: an absurd string length or map count. */
  private static byte[] hugeVarint(Random r) {
    long value = switch (r.nextInt(3)) {
      case 0 -> Integer.MAX_VALUE - r.nextInt(16);
      case 1 -> -1 - r.nextInt(1000);
      default -> r.nextLong();
    };
    long zigzag = (value << 1) ^ (value >> 63);
    byte[] out = new byte[10];
    int n = 0;
    while ((zigzag & ~0x7FL) != 0) {
      out[n++] = (byte) ((zigzag & 0x7F) | 0x80);
      zigzag >>>= 7;
    }
    out[n++] = (byte) zigzag;
    return Arrays.copyOf(out, n);
  }

  private static byte[] splice(byte[] bytes, int at, byte[] insert) {
    return concat(concat(Arrays.copyOf(bytes, at), insert), Arrays.copyOfRange(bytes, at, bytes.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

package io.syncfabric.bench.measure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what the harness needs from a server frame without a JSON parser: its op, and for a
 * {@code message} frame its {@code seq} and {@code ts}. The frontend writes {@code op} first and
 * {@code channel}, {@code epoch}, {@code seq}, {@code ts} before the payload (MessageFrames), and
 * channel names and epochs cannot hold a quote, so the first {@code "seq":} and {@code "ts":} are
 * the envelope's own.
 */
public final class MessageFields {
  private static final byte[] OP = bytes("{\"op\":\"");
  private static final byte[] SEQ = bytes("\"seq\":");
  private static final byte[] TS = bytes("\"ts\":");
  private static final byte[] CHANNEL = bytes("\"channel\":\"");
  /** How far into a frame {@code seq} and {@code ts} are looked for (they come before the payload). */
  private static final int HEAD = 512;

  private MessageFields() {}

  /** True when the frame's op is {@code op} (e.g. "message"). */
  public static boolean hasOp(ByteBuffer b, int offset, int length, byte[] op) {
    if (length < OP.length + op.length + 1 || !startsWith(b, offset, OP)) {
      return false;
    }
    int at = offset + OP.length;
    return startsWith(b, at, op) && b.get(at + op.length) == '"';
  }

  /** The number after {@code "seq":}, or -1 when absent. */
  public static long seq(ByteBuffer b, int offset, int length) {
    return numberAfter(b, offset, length, SEQ);
  }

  /** The number after {@code "ts":}, or -1 when absent. */
  public static long ts(ByteBuffer b, int offset, int length) {
    return numberAfter(b, offset, length, TS);
  }

  /** The {@code channel} string's bytes start here, or -1; it ends at the next quote. */
  public static int channelStart(ByteBuffer b, int offset, int length) {
    int at = indexOf(b, offset, Math.min(length, HEAD), CHANNEL);
    return at < 0 ? -1 : at + CHANNEL.length;
  }

  /** True when the channel string starting at {@code start} is exactly {@code name}. */
  public static boolean channelIs(ByteBuffer b, int start, int end, byte[] name) {
    return end - start > name.length && startsWith(b, start, name) && b.get(start + name.length) == '"';
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The non-negative integer right after {@code key} (e.g. {@code "code":}) in the frame's head, or -1. */
  public static long numberAfter(ByteBuffer b, int offset, int length, byte[] key) {
    int end = offset + length;
    int at = indexOf(b, offset, Math.min(length, HEAD), key);
    if (at < 0) {
      return -1;
    }
    int p = at + key.length;
    long value = 0;
    int digits = 0;
    while (p < end && digits < 19) {
      int c = b.get(p) - '0';
      if (c < 0 || c > 9) {
        break;
      }
      value = value * 10 + c;
      digits++;
      p++;
    }
    return digits == 0 ? -1 : value;
  }

  private static int indexOf(ByteBuffer b, int offset, int length, byte[] key) {
    int last = offset + length - key.length;
    for (int i = offset; i <= last; i++) {
      if (b.get(i) == key[0] && startsWith(b, i, key)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(ByteBuffer b, int at, byte[] prefix) {
    if (at + prefix.length > b.limit()) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.get(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

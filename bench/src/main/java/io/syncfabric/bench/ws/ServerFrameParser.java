package io.syncfabric.bench.ws;

import java.nio.ByteBuffer;

/**
 * Splits the bytes a server sent into frames without copying them: server frames are never masked
 * (RFC 6455 §5.1), so a frame is a 2-10 byte header and its payload, read in place.
 */
public final class ServerFrameParser {
  /** Frames larger than this are treated as a broken stream (the fabric's frames are small). */
  public static final int MAX_PAYLOAD = 16 << 20;

  /** Told about each complete frame; the payload is {@code buffer[offset, offset + length)}. */
  @FunctionalInterface
  public interface Sink {
    void frame(int opcode, ByteBuffer buffer, int offset, int length);
  }

  private ServerFrameParser() {}

  /**
   * Hands every complete frame between {@code buffer}'s position and limit to {@code sink}, and
   * leaves the position at the first byte of an incomplete frame (or at the limit).
   *
   * @throws IllegalStateException when a frame is masked or larger than {@link #MAX_PAYLOAD}
   */
  public static void parse(ByteBuffer buffer, Sink sink) {
    int p = buffer.position();
    int limit = buffer.limit();
    while (limit - p >= 2) {
      int b0 = buffer.get(p) & 0xFF;
      int b1 = buffer.get(p + 1) & 0xFF;
      if ((b1 & 0x80) != 0) {
        throw new IllegalStateException("masked frame from the server");
      }
      int len = b1 & 0x7F;
      int header = 2;
      long length = len;
      if (len == 126) {
        if (limit - p < 4) {
          break;
        }
        length = ((buffer.get(p + 2) & 0xFF) << 8) | (buffer.get(p + 3) & 0xFF);
        header = 4;
      } else if (len == 127) {
        if (limit - p < 10) {
          break;
        }
        length = buffer.getLong(p + 2);
        header = 10;
      }
      if (length < 0 || length > MAX_PAYLOAD) {
        throw new IllegalStateException("frame of " + length + " bytes");
      }
      if (limit - p - header < length) {
        break;
      }
      sink.frame(b0 & 0x0F, buffer, p + header, (int) length);
      p += header + (int) length;
    }
    buffer.position(p);
  }
}

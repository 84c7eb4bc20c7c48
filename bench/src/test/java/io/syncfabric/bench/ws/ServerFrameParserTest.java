package io.syncfabric.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFrameParserTest {
  private final List<String> frames = new ArrayList<>();
  private final ServerFrameParser.Sink sink = (op, b, off, len) -> {
    byte[] payload = new byte[len];
    b.get(off, payload);
    frames.add(op + ":" + new String(payload, StandardCharsets.UTF_8));
  };

  @Test
  void splitsBackToBackFramesOfEveryLengthEncoding() {
    String small = "x".repeat(10);
    String medium = "m".repeat(300);
    String large = "L".repeat(70_000);
    ByteBuffer b = ByteBuffer.allocate(100_000);
    b.put(serverFrame(1, small)).put(serverFrame(1, medium)).put(serverFrame(9, "")).put(serverFrame(1, large)).flip();

    ServerFrameParser.parse(b, sink);

    assertThat(frames).containsExactly("1:" + small, "1:" + medium, "9:", "1:" + large);
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void leavesAnIncompleteFrameForTheNextRead() {
    byte[] whole = serverFrame(1, "y".repeat(200));
    ByteBuffer b = ByteBuffer.allocate(1000);
    b.put(serverFrame(1, "first")).put(whole, 0, 3).flip();

    ServerFrameParser.parse(b, sink);

    assertThat(frames).containsExactly("1:first");
    assertThat(b.remaining()).isEqualTo(3);
  }

  @Test
  void refusesMaskedOrHugeFrames() {
    ByteBuffer masked = ByteBuffer.wrap(ClientFrames.text("hi"));
    assertThatThrownBy(() -> ServerFrameParser.parse(masked, sink)).hasMessageContaining("masked");
    ByteBuffer huge = ByteBuffer.allocate(10).put((byte) 0x81).put((byte) 127).putLong(1L << 40).flip();
    assertThatThrownBy(() -> ServerFrameParser.parse(huge, sink)).hasMessageContaining("bytes");
  }

  /** A server frame (unmasked, FIN). */
  static byte[] serverFrame(int opcode, String text) {
    byte[] p = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(p.length + 10);
    b.put((byte) (0x80 | opcode));
    if (p.length < 126) {
      b.put((byte) p.length);
    } else if (p.length <= 0xFFFF) {
      b.put((byte) 126).putShort((short) p.length);
    } else {
      b.put((byte) 127).putLong(p.length);
    }
    b.put(p).flip();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}

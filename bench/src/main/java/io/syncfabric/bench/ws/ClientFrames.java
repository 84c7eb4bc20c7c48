package io.syncfabric.bench.ws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a WebSocket client writes (RFC 6455): the HTTP upgrade request and masked frames. Kept to
 * the few bytes the load harness needs, so one thread can drive thousands of connections.
 */
public final class ClientFrames {
  public static final int OP_TEXT = 0x1;
  public static final int OP_CLOSE = 0x8;
  public static final int OP_PING = 0x9;
  public static final int OP_PONG = 0xA;

  private ClientFrames() {}

  /** The upgrade request for {@code path} on {@code hostPort}. */
  public static byte[] upgradeRequest(String hostPort, String path) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\n"
        + "Host: " + hostPort + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    return request.getBytes(StandardCharsets.US_ASCII);
  }

  /** A masked text frame holding {@code text}. */
  public static byte[] text(String text) {
    return frame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A masked frame with FIN set: clients must mask every frame they send (RFC 6455 §5.3). */
  public static byte[] frame(int opcode, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
    byte[] out = new byte[header + 4 + n];
    out[0] = (byte) (0x80 | opcode);
    if (n < 126) {
      out[1] = (byte) (0x80 | n);
    } else if (n <= 0xFFFF) {
      out[1] = (byte) (0x80 | 126);
      out[2] = (byte) (n >>> 8);
      out[3] = (byte) n;
    } else {
      out[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    int mask = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 4; i++) {
      out[header + i] = (byte) (mask >>> (24 - 8 * i));
    }
    for (int i = 0; i < n; i++) {
      out[header + 4 + i] = (byte) (payload[i] ^ out[header + (i & 3)]);
    }
    return out;
  }
}

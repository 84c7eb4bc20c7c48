package io.syncfabric.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written straight onto a loopback TCP socket (RFC 6455 framing by hand), so a
 * test can send what real clients refuse to: invalid UTF-8, frames over any limit or with lying
 * lengths, reserved opcodes, unmasked frames, thousands of pipelined frames. Cheap: no threads.
 */
public final class WireSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  static final long LINGER_MS = 1_500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private WireSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /** A plain TCP connection from {@code from} (a loopback address), no handshake: for junk that is not WebSocket. */
  public static Socket tcp(InetAddress from, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Connects from {@code from} to {@code /v1/ws} on loopback and completes the opening handshake. */
  public static WireSocket open(InetAddress from, int port) throws IOException {
    Socket socket = tcp(from, port);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    String response = readHead(socket);
    if (!response.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("no upgrade: " + response.lines().findFirst().orElse(""));
    }
    return new WireSocket(socket);
  }

  /** Reads an HTTP response head (up to the blank line); what it got when the server closes first. */
  public static String readHead(Socket socket) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    var input = socket.getInputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = input.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Queues a text frame; {@link #flush} (or any read) sends it. */
  public WireSocket text(String text) throws IOException {
    return frame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Queues one frame as given: any opcode, any payload, masked as clients must be or not. */
  public WireSocket frame(int opcode, byte[] payload, boolean masked) throws IOException {
    return frame(opcode, payload, payload.length, masked);
  }

  /** Queues a frame whose header declares {@code declaredLength} bytes, whatever the payload holds. */
  public WireSocket frame(int opcode, byte[] payload, long declaredLength, boolean masked) throws IOException {
    out.write(0x80 | opcode);
    int mask = masked ? 0x80 : 0;
    if (declaredLength < 126) {
      out.write(mask | (int) declaredLength);
    } else if (declaredLength <= 0xFFFF) {
      out.write(mask | 126);
      out.write((int) (declaredLength >> 8));
      out.write((int) declaredLength);
    } else {
      out.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (declaredLength >> shift));
      }
    }
    byte[] key = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(key);
      out.write(key);
    }
    byte[] body = payload.clone();
    for (int i = 0; i < body.length; i++) {
      body[i] ^= key[i & 3];
    }
    out.write(body);
    return this;
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** The next text frame from the server, parsed; fails on a close frame or after 10 s. */
  public JsonNode next() throws IOException {
    flush();
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0F;
      byte[] payload = payload();
      if (opcode == TEXT) {
        return JSON.readTree(payload);
      }
      if (opcode == CLOSE) {
        throw new IOException("closed by the server with " + closeCode(payload));
      }
    }
  }

  /**
   * Waits for the server's close frame and returns its code (1006 if the connection just dropped).
   * With {@code answer} it replies with a close frame and hangs up at once, as RFC 6455 asks;
   * without, it keeps the TCP connection open {@code LINGER_MS} like a careless client.
   */
  public int awaitClose(boolean answer) throws IOException {
    try {
      flush();
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0F;
        byte[] payload = payload();
        if (opcode == CLOSE) {
          int code = closeCode(payload);
          if (answer) {
            frame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code}, true).flush();
            close();
          } else {
            linger();
          }
          return code;
        }
      }
    } catch (EOFException | SocketException e) {
      return 1006;
    }
  }

  /** What the server sent until it closed (its close code) or until {@code max} frames came (code -1). */
  public record Drained(List<JsonNode> frames, int closeCode) {}

  public Drained drain(int max) throws IOException {
    List<JsonNode> frames = new ArrayList<>();
    try {
      flush();
      while (frames.size() < max) {
        int opcode = in.readUnsignedByte() & 0x0F;
        byte[] payload = payload();
        if (opcode == TEXT) {
          frames.add(JSON.readTree(payload));
        } else if (opcode == CLOSE) {
          close();
          return new Drained(frames, closeCode(payload));
        }
      }
      return new Drained(frames, -1);
    } catch (EOFException | SocketException e) {
      return new Drained(frames, 1006);
    }
  }

  /** Holds the connection without answering, past the server's close grace (1 s). */
  private void linger() throws IOException {
    try {
      Thread.sleep(LINGER_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  private byte[] payload() throws IOException {
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return payload;
  }

  private static int closeCode(byte[] payload) {
    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}

package io.syncfabric.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hostile clients on loopback, all from one source address. Each attack is bounded and checks the
 * frontend's answers as it goes (every bad frame its documented error, every refused connection its
 * close code); an answer that differs is noted as a surprise and ends that attack. Tallies what the
 * frontend's metrics must show afterwards: errors by code and closes by reason.
 */
public final class Attacker {
  /** Frames a connection may send at once: under the rate limit's burst (twice the default 100 a second). */
  public static final int BURST = 180;

  private final InetAddress from;
  private final int port;
  private final int maxFrameBytes;
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
  private final AtomicLong inputs = new AtomicLong();
  private final Queue<String> surprises = new ConcurrentLinkedQueue<>();

  public Attacker(InetAddress from, int port, int maxFrameBytes) {
    this.from = from;
    this.port = port;
    this.maxFrameBytes = maxFrameBytes;
  }

  public Map<String, Long> expectedErrors() {
    return snapshot(errors);
  }

  /** Connections the frontend must have closed, by reason ("client": at least that many). */
  public Map<String, Long> expectedCloses() {
    return snapshot(closes);
  }

  /** Bad inputs sent: frames, connections and junk. */
  public long inputs() {
    return inputs.get();
  }

  /** Answers that differed from the protocol's, one line each. */
  public List<String> surprises() {
    return List.copyOf(surprises);
  }

  /** Up to {@link #BURST} bad frames of every kind, pipelined on one connection, each reply checked. */
  public void frameFlood(String token, int count, long seed) {
    attack("frame flood", () -> {
      Random r = new Random(seed);
      try (WireSocket s = connected(token)) {
        List<ErrorCode> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          BadFrame bad = BadFrame.of((int) (seed * count + i), r, token);
          s.text(bad.text());
          expected.add(bad.code());
        }
        for (ErrorCode code : expected) {
          expectError(s.next(), code);
        }
        closedByUs();
      }
    });
  }

  public void binaryFlood(String token, int count, long seed) {
    attack("binary flood", () -> {
      Random r = new Random(seed);
      try (WireSocket s = connected(token)) {
        for (int i = 0; i < count; i++) {
          byte[] junk = new byte[1 + r.nextInt(1024)];
          r.nextBytes(junk);
          s.frame(WireSocket.BINARY, junk, true);
        }
        for (int i = 0; i < count; i++) {
          expectError(s.next(), ErrorCode.BINARY_NOT_SUPPORTED);
        }
        closedByUs();
      }
    });
  }

  /** Fills the subscription limit, then asks for {@code extra} more. */
  public void subscriptionFlood(String token, int limit, int extra, int n) {
    attack("subscription flood", () -> {
      try (WireSocket s = connected(token)) {
        for (int i = 0; i < limit + extra; i++) {
          s.text("{\"op\":\"subscribe\",\"channel\":\"abuse:" + n + "-" + i + "\"}");
        }
        for (int i = 0; i < limit; i++) {
          JsonNode reply = s.next();
          check(reply.path("op").asText().equals("subscribed"), "subscribe " + i + " refused: " + reply);
        }
        for (int i = 0; i < extra; i++) {
          expectError(s.next(), ErrorCode.TOO_MANY_SUBSCRIPTIONS);
        }
        closedByUs();
      }
    });
  }

  /** {@code count} frames at once (pings or binary): the rate limit must cut the connection with 4006. */
  public void rateFlood(String token, int count, boolean binary) {
    attack(binary ? "binary rate flood" : "ping rate flood", () -> {
      try (WireSocket s = connected(token)) {
        for (int i = 0; i < count; i++) {
          if (binary) {
            s.frame(WireSocket.BINARY, new byte[] {(byte) i}, true);
          } else {
            s.text("{\"op\":\"ping\",\"id\":" + i + "}");
          }
        }
        WireSocket.Drained answer = s.drain(count);
        inputs.addAndGet(count);
        for (JsonNode frame : answer.frames()) {
          if (frame.path("op").asText().equals("error") && frame.path("code").asInt() != ErrorCode.RATE_LIMITED.code()) {
            errors.computeIfAbsent(frame.path("name").asText(), k -> new LongAdder()).increment();
          }
        }
        check(answer.closeCode() == ErrorCode.RATE_LIMITED.closeCode(), count + " frames at once were not rate limited: "
            + answer.frames().size() + " answers, close " + answer.closeCode());
        errors.computeIfAbsent(ErrorCode.RATE_LIMITED.tag(), k -> new LongAdder()).increment();
        closes.computeIfAbsent(ErrorCode.RATE_LIMITED.tag(), k -> new LongAdder()).increment();
      }
    });
  }

  /** A connection that never sends connect, only {@code frames} requests: refused, then timed out. */
  public void neverConnects(int frames) {
    attack("never connects", () -> {
      try (WireSocket s = WireSocket.open(from, port)) {
        for (int i = 0; i < frames; i++) {
          s.text("{\"op\":\"subscribe\",\"id\":" + i + ",\"channel\":\"calm:0\"}");
        }
        for (int i = 0; i < frames; i++) {
          expectError(s.next(), ErrorCode.NOT_CONNECTED);
        }
        expectError(s.next(), ErrorCode.CONNECT_TIMEOUT);
        expectClose(s.awaitClose(true), ErrorCode.CONNECT_TIMEOUT);
      }
    });
  }

  /** Presents a bad token; {@code answer}: hang up on the close frame, else linger until dropped. */
  public void badToken(String token, ErrorCode expected, boolean answer) {
    attack(answer ? "bad token" : "bad token, lingering", () -> {
      try (WireSocket s = WireSocket.open(from, port)) {
        s.text("{\"op\":\"connect\",\"token\":\"" + token + "\"}");
        expectError(s.next(), expected);
        expectClose(s.awaitClose(answer), expected);
      }
    });
  }

  /** One frame over the size limit, sent whole or declared huge and cut short. */
  public void hugeFrame(String token, boolean lyingLength, long seed) {
    attack(lyingLength ? "lying frame length" : "huge frame", () -> {
      try (WireSocket s = connected(token)) {
        String pad = "y".repeat(maxFrameBytes + new Random(seed).nextInt(4 * maxFrameBytes));
        byte[] body = ("{\"op\":\"ping\",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
        s.frame(WireSocket.TEXT, body, lyingLength ? 1L << 40 : body.length, true);
        int code = s.awaitClose(true);
        // the server closes with our frame's tail unread: the reset may overtake its 1009 close frame
        expectClose(code == 1006 ? ErrorCode.FRAME_TOO_LARGE.closeCode() : code, ErrorCode.FRAME_TOO_LARGE);
      }
    });
  }

  /**
   * A frame the WebSocket layer refuses before the session sees it (invalid UTF-8 in a text frame,
   * a reserved opcode, an unmasked client frame): the connection is closed with {@code expected}'s
   * close code, and the refusal is counted as an error and as the close reason.
   */
  public void protocolViolation(String kind, String token, int opcode, byte[] payload, boolean masked, ErrorCode expected) {
    attack(kind, () -> {
      try (WireSocket s = connected(token)) {
        s.frame(opcode, payload, masked);
        inputs.incrementAndGet();
        expectClose(s.awaitClose(true), expected);
        errors.computeIfAbsent(expected.tag(), k -> new LongAdder()).increment(); // only the close is sent
      }
    });
  }

  /** Bytes that are not WebSocket (or not even HTTP) on the port; the server must answer or hang up. */
  public void junk(byte[] bytes) {
    attack("junk", () -> {
      try (Socket socket = WireSocket.tcp(from, port)) {
        inputs.incrementAndGet();
        socket.getOutputStream().write(bytes);
        socket.shutdownOutput();
        InputStream in = socket.getInputStream();
        while (in.read(new byte[4096]) >= 0) {
          // whatever the answer, it must end: the read times out after 10 s otherwise
        }
      } catch (java.net.SocketException reset) {
        // a reset is an answer too
      }
    });
  }

  /**
   * Opens {@code count} connected sockets from the one address and holds them: those past
   * ws.max.connections.per.address ({@code allowed}) must be refused with 4005.
   */
  public void holdConnections(String token, int count, int allowed) {
    attack("address flood", () -> {
      List<WireSocket> held = new ArrayList<>();
      try {
        for (int i = 0; i < count; i++) {
          WireSocket s = WireSocket.open(from, port);
          held.add(s);
          if (i < allowed) {
            s.text("{\"op\":\"connect\",\"token\":\"" + token + "\"}");
            check(s.next().path("op").asText().equals("connected"), "connection " + i + " of " + allowed + " refused");
          } else {
            expectError(s.next(), ErrorCode.TOO_MANY_FROM_ADDRESS);
            expectClose(s.awaitClose(true), ErrorCode.TOO_MANY_FROM_ADDRESS);
          }
        }
      } finally {
        held.forEach(WireSocket::close);
      }
      for (int i = 0; i < allowed; i++) {
        closedByUs();
      }
    });
  }

  /** A socket past connect, for attacks that need a session. */
  private WireSocket connected(String token) throws IOException {
    WireSocket s = WireSocket.open(from, port);
    s.text("{\"op\":\"connect\",\"token\":\"" + token + "\"}");
    JsonNode reply = s.next();
    check(reply.path("op").asText().equals("connected"), "connect refused: " + reply);
    return s;
  }

  private interface Body {
    void run() throws Exception;
  }

  private void attack(String kind, Body body) {
    try {
      body.run();
    } catch (Exception | AssertionError e) {
      surprises.add(kind + ": " + e.getMessage());
    }
  }

  /** A connection that ends without a protocol error: counted under reason "client". */
  private void closedByUs() {
    closes.computeIfAbsent("client", k -> new LongAdder()).increment();
  }

  private void expectError(JsonNode reply, ErrorCode code) {
    check(reply.path("op").asText().equals("error") && reply.path("code").asInt() == code.code()
        && reply.path("name").asText().equals(code.tag()) && !reply.path("reason").asText().isBlank(),
        "expected error " + code.code() + " got " + reply);
    errors.computeIfAbsent(code.tag(), k -> new LongAdder()).increment();
    inputs.incrementAndGet();
  }

  private void expectClose(int closeCode, ErrorCode code) {
    check(closeCode == code.closeCode(), "expected close " + code.closeCode() + " got " + closeCode);
    closes.computeIfAbsent(code.tag(), k -> new LongAdder()).increment();
    if (code == ErrorCode.FRAME_TOO_LARGE) { // only the close is sent, but the error is counted
      errors.computeIfAbsent(code.tag(), k -> new LongAdder()).increment();
      inputs.incrementAndGet();
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}

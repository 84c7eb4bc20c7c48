package io.syncfabric.frontend.session;

import static io.syncfabric.frontend.protocol.Escaped.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.frontend.metrics.LiveStats;
import io.syncfabric.frontend.pool.LocalPoolStore;
import io.syncfabric.frontend.pool.LocalUserConnections;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.Pool;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.frontend.pool.UserConnectionLimit;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.JsonFuzz;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Property test of a whole session: any sequence of frames (garbage, hostile JSON, plausible requests
 * with bad tokens and channels, binary frames, fan-out while the client does or does not read)
 * never throws out of the session, every frame it writes is a JSON object with an op, every error
 * carries a catalogued code, its queue stays within its bounds, and what it held is released on close.
 */
class ClientSessionFuzzTest extends ClientSessionFixture {
  /** Fixed, so CI tries the same inputs every run; change it (or drop it from @Property) to explore. */
  private static final String SEED = "2874593103650312269";

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final List<String> CHANNELS = List.of("chat:a", "chat:b", "chat:c", "secret:x", "bad channel", "",
      "x".repeat(201), "private:p", "sys:stats", "*", "chat:\u00e9");

  private final List<String> tokens = List.of(
      minter.mint("alice", List.of("chat:*"), Duration.ofHours(1)),
      minter.mint("alice", List.of("chat:*", "sys:stats"), Duration.ofHours(1)),
      minter.mint("alice", List.of("*"), Duration.ofHours(1)),
      minter.mint("alice", List.of("chat:*"), Duration.ofHours(-2)),
      minter.mint("bob", List.of("chat:*"), Duration.ofHours(1)),
      new TokenMinter("another-secret-another-secret-32b", clock).mint("alice", List.of("*"), Duration.ofHours(1)),
      unsigned("{\"sub\":\"alice\",\"channels\":[\"*\"]}"),
      flipLast(minter.mint("alice", List.of("*"), Duration.ofHours(1))),
      "not.a.jwt");

  /** jqwik runs no JUnit Jupiter lifecycle methods: the fixture's metrics are closed here. */
  @AfterProperty
  void closeMetricsOfTheProperty() {
    metrics.close();
  }

  @Property(tries = 1_500, seed = SEED)
  @Label("session")
  void anySequenceOfFramesIsAnsweredWithWellFormedFramesAndCataloguedErrors(@ForAll Random r) throws Exception {
    RecordingTransport t = new RecordingTransport();
    Utf8Checked bytes = new Utf8Checked(t);
    ClientSession s = new ClientSession(r.nextInt(4) == 0 ? context(userLimit(1 + r.nextInt(2))) : ctx, bytes.transport);
    boolean reading = r.nextInt(3) > 0; // a third of the clients never read until the end
    double errorsBefore = totalErrors();
    List<String> sent = new ArrayList<>();
    int publishes = 0;
    s.start();
    if (r.nextInt(5) < 3) { // most clients connect first, so the requests reach their handlers
      s.onText("{\"op\":\"connect\",\"token\":\"" + tokens.get(r.nextInt(3)) + "\"}");
      sent.add("connect");
    }
    for (int step = 1 + r.nextInt(40); step > 0; step--) {
      String frame = frame(r);
      // now and then a burst: the same frame many times, or fan-out racing the requests
      int times = r.nextInt(8) == 0 ? 1 + r.nextInt(150) : 1;
      boolean fanout = r.nextInt(12) == 0;
      sent.add((fanout ? "message" : frame == null ? "<binary>" : frame) + (times > 1 ? " x" + times : ""));
      publishes += frame != null && frame.contains("\"publish\"") ? times : 0;
      try {
        for (int i = 0; i < times; i++) {
          if (fanout) {
            s.deliver(messageFrame(r));
          } else if (frame == null) {
            s.onBinary();
          } else {
            s.onText(frame);
          }
        }
      } catch (Throwable e) {
        throw new AssertionError("session threw " + e + " after " + show(sent.toString()), e);
      }
      if (reading || r.nextInt(10) == 0) {
        t.flush();
      }
      assertThat(s.queueDepth()).as(show(sent.toString())).isLessThanOrEqualTo(ctx.limits().outboundMaxFrames());
      assertThat(channels.subscriptionCount()).isLessThanOrEqualTo(ctx.limits().maxSubscriptions());
    }
    t.flush();
    List.copyOf(t.scheduled).forEach(task -> task.task().run()); // time passes: connect timeout, token expiry
    t.flush();
    assertThat(bytes.malformed).as("frames that are not UTF-8, for " + steps(sent)).isEmpty();
    checkWritten(t, sent, publishes, errorsBefore);
    if (t.closes.isEmpty()) { // a connection that stays open must stay usable
      int before = t.sent().size();
      s.onText("{\"op\":\"ping\",\"id\":\"last\"}");
      t.flush();
      assertThat(t.sent().subList(before, t.sent().size()))
          .as("an open connection stopped answering (an overflowing queue must close it with 4004); it was sent "
              + steps(sent) + " and wrote " + t.events)
          .anyMatch(f -> f.contains("\"pong\"") && f.contains("\"last\""));
    }
    s.onClosed();
    assertThat(channels.subscriptionCount()).as("subscriptions left after close").isZero();
    assertThat(channels.channelCount()).isZero();
  }

  /** What the session wrote: JSON objects with an op, catalogued errors, nothing after a close. */
  private void checkWritten(RecordingTransport t, List<String> sent, int publishes, double errorsBefore) {
    String input = show(sent.toString());
    int errors = 0;
    int internal = 0;
    List<Integer> closingCodes = new ArrayList<>();
    for (String text : t.sent()) {
      JsonNode frame = strictParse(text, input);
      assertThat(frame.isObject() && frame.path("op").isTextual()).as(text + " for " + input).isTrue();
      if (frame.get("op").textValue().equals("error")) {
        ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.code() == frame.path("code").asInt(-1))
            .findFirst().orElseThrow(() -> new AssertionError("uncatalogued error " + text + " for " + input));
        assertThat(frame.path("code").isInt()).as(text).isTrue();
        assertThat(frame.path("name").asText()).as(text).isEqualTo(code.tag());
        assertThat(frame.path("reason").asText()).as(text).isNotBlank();
        errors++;
        internal += code == ErrorCode.INTERNAL ? 1 : 0;
        if (code.closesConnection()) {
          closingCodes.add(code.closeCode());
        }
      }
    }
    // the fixture has no Kafka publisher: an allowed publish is its only way to an internal error
    assertThat(internal).as("internal errors for " + input).isLessThanOrEqualTo(publishes);
    assertThat(totalErrors() - errorsBefore).as("errors counted for " + input).isGreaterThanOrEqualTo(errors);
    if (!t.closes.isEmpty()) {
      int code = t.closes.get(0).code();
      assertThat(code == ErrorCode.SLOW_CONSUMER.closeCode() || closingCodes.contains(code))
          .as("close " + code + " without its error frame, for " + input).isTrue();
      int firstClose = t.events.indexOf("close:" + code);
      assertThat(t.events.subList(firstClose, t.events.size())).as("written after close, for " + input)
          .noneMatch(e -> e.startsWith("write:"));
    }
  }

  /** A frame for the session, or {@code null} for a binary frame. */
  private String frame(Random r) {
    int pick = r.nextInt(20);
    if (pick == 0) {
      return null;
    }
    if (pick < 6) {
      return JsonFuzz.anyFrame(r);
    }
    ObjectNode f = STRICT.createObjectNode();
    String op = r.nextInt(12) == 0 ? JsonFuzz.unicode(r, 4) : JsonFuzz.OPS.get(r.nextInt(JsonFuzz.OPS.size()));
    f.put("op", op);
    if (r.nextBoolean()) {
      f.set("id", r.nextBoolean() ? f.numberNode(r.nextInt(100)) : JsonFuzz.value(r, 1));
    }
    f.put("token", tokens.get(r.nextInt(tokens.size())));
    f.put("channel", switch (r.nextInt(10)) {
      case 0 -> JsonFuzz.unicode(r, 1 + r.nextInt(70));
      case 1, 2, 3 -> CHANNELS.get(r.nextInt(CHANNELS.size()));
      default -> "chat:" + (char) ('a' + r.nextInt(4)); // allowed by most tokens: reaches the handlers
    });
    f.set("data", JsonFuzz.value(r, 3));
    if (r.nextInt(4) == 0) {
      f.putObject("since").put("epoch", r.nextBoolean() ? "e1" : JsonFuzz.unicode(r, r.nextInt(70)))
          .put("seq", r.nextBoolean() ? r.nextInt(100) : r.nextLong()).put("ts", r.nextLong());
    }
    if (r.nextInt(4) == 0) {
      f.set("limit", r.nextBoolean() ? f.numberNode(r.nextInt(300)) : JsonFuzz.value(r, 0));
    }
    if (r.nextInt(4) == 0) {
      f.set("presence", r.nextInt(4) > 0 ? f.booleanNode(r.nextBoolean()) : JsonFuzz.value(r, 0));
    }
    if (r.nextInt(8) == 0) { // a wrong type where a string belongs
      f.set(r.nextBoolean() ? "channel" : "token", JsonFuzz.value(r, 2));
    }
    return JsonFuzz.write(f);
  }

  /** The steps of a try, short: each frame's op (or a prefix of it) and its repeat count. */
  private static String steps(List<String> sent) {
    return sent.stream().map(f -> {
      int op = f.indexOf("\"op\":");
      String head = op < 0 ? f : f.substring(op, Math.min(f.length(), op + 20));
      return show(head.length() > 24 ? head.substring(0, 24) : head) + (f.matches("(?s).* x[0-9]+$") ? f.substring(f.lastIndexOf(' ')) : "");
    }).toList().toString();
  }

  private static byte[] messageFrame(Random r) {
    return ("{\"op\":\"message\",\"channel\":\"chat:a\",\"epoch\":\"e\",\"seq\":" + (1 + r.nextInt(1000))
        + ",\"data\":\"" + "m".repeat(r.nextInt(5_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private UserConnectionLimit userLimit(int max) {
    Pool pool = new Pool(new LocalPoolStore(), () -> new PoolMember("n1", "a", "r", "ws://x", "http://x", 0, 10,
        MemberState.SERVING, "", 0, LiveStats.Snapshot.EMPTY), 5_000, System::currentTimeMillis, Runnable::run);
    pool.beat();
    return new UserConnectionLimit(new LocalUserConnections(), pool, "n1", max);
  }

  private double totalErrors() {
    return metrics.registry().find("fabric.ws.errors").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static JsonNode strictParse(String text, String input) {
    try {
      return STRICT.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + show(text) + " for " + input, e);
    }
  }

  /**
   * Passes everything on to the recording transport, noting each written frame that is not
   * well-formed UTF-8 (text frames must be). A proxy, so it keeps up with the interface as it grows.
   */
  private static final class Utf8Checked {
    final List<String> malformed = new ArrayList<>();
    final FrameTransport transport;

    Utf8Checked(RecordingTransport inner) {
      transport = (FrameTransport) java.lang.reflect.Proxy.newProxyInstance(FrameTransport.class.getClassLoader(),
          new Class<?>[] {FrameTransport.class}, (proxy, method, args) -> {
            if (method.getName().equals("write")) {
              byte[][] frames = (byte[][]) args[0];
              for (int i = 0; i < (int) args[1]; i++) {
                check(frames[i]);
              }
            }
            try {
              return method.invoke(inner, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private void check(byte[] frame) {
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(frame));
      } catch (java.nio.charset.CharacterCodingException e) {
        malformed.add(show(new String(frame, StandardCharsets.UTF_8)));
      }
    }
  }

  /** An {@code alg: none} token: no signature at all. */
  private static String unsigned(String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
  }

  private static String flipLast(String token) {
    char last = token.charAt(token.length() - 2);
    return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
  }
}

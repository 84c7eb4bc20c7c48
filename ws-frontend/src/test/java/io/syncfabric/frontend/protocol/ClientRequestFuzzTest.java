package io.syncfabric.frontend.protocol;

import static io.syncfabric.frontend.protocol.Escaped.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.syncfabric.schema.StreamPosition;
import java.util.Iterator;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * Property tests of the frame parser: whatever a client sends, {@link ClientRequest#parse} answers
 * with a request or a {@link ProtocolException} carrying bad-frame or bad-request, never anything
 * else, and it agrees with a plain JSON reader on what is a JSON object.
 */
class ClientRequestFuzzTest {
  /** Fixed, so CI tries the same inputs every run; change it (or drop it from @Property) to explore. */
  private static final String SEED = "-6127305235117714902";

  /** The reference reader: standard JSON, duplicates and trailing tokens refused, no size limits of ours. */
  private static final ObjectReader ORACLE = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().readerFor(JsonNode.class);

  @Property(tries = 5_000, seed = SEED)
  @Label("parse(any text)")
  void anyTextIsARequestOrABadFrameOrABadRequestAndAgreesWithAPlainJsonReader(@ForAll Random r) throws Exception {
    String text = JsonFuzz.anyFrame(r);
    JsonNode reference = oracle(text);
    ClientRequest request;
    try {
      request = ClientRequest.parse(text);
    } catch (ProtocolException e) {
      assertThat(e.code()).as(show(text)).isIn(ErrorCode.BAD_FRAME, ErrorCode.BAD_REQUEST);
      assertThat(e.getMessage()).as(show(text)).isNotBlank();
      if (e.code() == ErrorCode.BAD_REQUEST) { // only a bad id is refused at parse time
        assertThat(reference).as(show(text)).isInstanceOf(ObjectNode.class);
        assertThat(validId(reference.get("id"))).as(show(text)).isFalse();
      } else if (reference instanceof ObjectNode && depth(reference) <= ClientRequest.MAX_DEPTH) {
        assertThat(text).as("refused a shallow JSON object: " + show(text)).containsPattern("[0-9]{33}");
      }
      return;
    }
    // accepted: it must be one JSON object for any reader, with the same op and id
    assertThat(reference).as("accepted what plain JSON refuses: " + show(text)).isInstanceOf(ObjectNode.class);
    JsonNode op = reference.get("op");
    assertThat(request.op()).as(show(text)).isEqualTo(op != null && op.isTextual() ? op.textValue() : null);
    assertThat(request.id()).as(show(text)).isEqualTo(reference.get("id"));
    assertThat(depth(reference)).as(show(text)).isLessThanOrEqualTo(ClientRequest.MAX_DEPTH);
  }

  @Property(tries = 3_000, seed = SEED)
  @Label("field readers")
  void fieldReadersOnAnyAcceptedFrameOnlyEverAnswerBadRequest(@ForAll Random r) throws Exception {
    String text = r.nextBoolean() ? JsonFuzz.hostileObject(r) : JsonFuzz.anyFrame(r);
    ClientRequest request;
    try {
      request = ClientRequest.parse(text);
    } catch (ProtocolException e) {
      return;
    }
    for (String field : JsonFuzz.KEYS) {
      readAll(request, field, text);
    }
  }

  @Property(tries = 3_000, seed = SEED)
  @Label("round trip")
  void validFramesRoundTripTheirOpIdAndFields(@ForAll Random r) throws Exception {
    // value depth 14 + the frame object: never past the 16-level limit
    JsonFuzz.Frame frame = JsonFuzz.validFrame(r, ClientRequest.MAX_DEPTH - 2);
    String text = pad(r) + frame.text() + pad(r);

    ClientRequest request = ClientRequest.parse(text);

    assertThat(request.op()).as(show(text)).isEqualTo(frame.op());
    assertThat(request.id()).as(show(text)).isEqualTo(frame.id());
    for (Iterator<String> names = frame.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      assertThat(request.requiredValue(name)).as(show(text)).isEqualTo(frame.node().get(name));
    }
  }

  @Property(tries = 1_000, seed = SEED)
  @Label("nesting")
  void nestingIsAcceptedUpToTheLimitAndRefusedBeyondIt(@ForAll Random r) throws Exception {
    int depth = 1 + r.nextInt(3 * ClientRequest.MAX_DEPTH);
    String text = closedDeep(r, depth);
    if (depth <= ClientRequest.MAX_DEPTH) {
      assertThat(ClientRequest.parse(text).op()).as(text).isEqualTo("ping");
    } else {
      assertThat(codeOf(text)).as(text).isEqualTo(ErrorCode.BAD_FRAME);
    }
  }

  @Property(tries = 2_000, seed = SEED)
  @Label("id rule")
  void anIdIsAcceptedExactlyWhenItIsAnIntegerOrAStringOfAtMost64Characters(@ForAll Random r) throws Exception {
    JsonNode id = r.nextBoolean() ? JsonFuzz.value(r, 2) : TextNode.valueOf(JsonFuzz.validUnicode(r, r.nextInt(80)));
    ObjectNode frame = new ObjectMapper().createObjectNode().put("op", "ping");
    frame.set("id", id);
    String text = JsonFuzz.write(frame);
    if (validId(id)) {
      assertThat(ClientRequest.parse(text).id()).as(show(text)).isEqualTo(id);
    } else {
      assertThat(codeOf(text)).as(show(text)).isEqualTo(ErrorCode.BAD_REQUEST);
    }
  }

  @Property(tries = 2_000, seed = SEED)
  @Label("since")
  void positionsRoundTripAndBadOnesAreBadRequests(@ForAll Random r) throws Exception {
    String epoch = JsonFuzz.validUnicode(r, r.nextInt(70));
    long seq = r.nextInt(4) == 0 ? -1 - r.nextInt(10) : r.nextLong() & Long.MAX_VALUE;
    long ts = r.nextLong() & Long.MAX_VALUE;
    ObjectNode frame = new ObjectMapper().createObjectNode().put("op", "subscribe");
    frame.putObject("since").put("epoch", epoch).put("seq", seq).put("ts", ts);
    ClientRequest request = ClientRequest.parse(JsonFuzz.write(frame));
    boolean valid = !epoch.isEmpty() && epoch.length() <= StreamPosition.MAX_EPOCH_LENGTH && seq >= 0;
    if (valid) {
      assertThat(request.optionalSince("since")).containsExactly(
          new ClientRequest.SincePosition(null, new StreamPosition(epoch, seq), ts));
    } else {
      assertThat(codeOf(() -> request.optionalSince("since"))).as(show(epoch) + " " + seq)
          .isEqualTo(ErrorCode.BAD_REQUEST);
    }
  }

  /** Every reader either answers or says bad-request: a client's field can never cause anything else. */
  private static void readAll(ClientRequest request, String field, String text) {
    ThrowingCall[] reads = {
        () -> request.requiredString(field),
        () -> request.optionalString(field),
        () -> request.requiredValue(field),
        () -> request.optionalSince(field),
        () -> request.optionalOrigin(field),
        () -> request.optionalBoolean(field),
        () -> request.optionalInt(field, 10, 1_000),
    };
    for (ThrowingCall read : reads) {
      try {
        read.run();
      } catch (ProtocolException e) {
        assertThat(e.code()).as(field + " of " + show(text)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).isNotBlank();
      } catch (Exception e) {
        throw new AssertionError("reading '" + field + "' of " + show(text) + " threw " + e, e);
      }
    }
  }

  private static boolean validId(JsonNode id) {
    return id == null || id.isIntegralNumber()
        || (id.isTextual() && id.textValue().length() <= ClientRequest.MAX_ID_LENGTH);
  }

  private static JsonNode oracle(String text) {
    try {
      return ORACLE.readValue(text);
    } catch (Exception e) {
      return null; // not JSON
    }
  }

  /** Containers on the deepest path, the frame object included. */
  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return node.isContainerNode() ? deepest + 1 : 0;
  }

  private static String closedDeep(Random r, int depth) {
    String text;
    do {
      text = JsonFuzz.deep(r, depth);
    } while (!text.endsWith("}"));
    return text;
  }

  private static String pad(Random r) {
    return " \t\n\r".substring(0, r.nextInt(5));
  }

  private static ErrorCode codeOf(String text) {
    return codeOf(() -> ClientRequest.parse(text));
  }

  private static ErrorCode codeOf(ThrowingCall call) {
    try {
      call.run();
    } catch (ProtocolException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError("threw " + e, e);
    }
    throw new AssertionError("no ProtocolException");
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }
}

package io.syncfabric.frontend.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.frontend.protocol.ClientRequest.SincePosition;
import io.syncfabric.schema.StreamPosition;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

  private static ErrorCode codeOf(ThrowingCall call) {
    try {
      call.run();
    } catch (ProtocolException e) {
      return e.code();
    }
    throw new AssertionError("no ProtocolException");
  }

  private interface ThrowingCall {
    void run() throws ProtocolException;
  }

  private static String nested(int depth) {
    // depth 1 is the frame object itself
    return "{\"op\":\"ping\",\"x\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
  }

  @Test
  void parsesOpAndFields() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"id\":7,\"channel\":\"chat:lobby\"}");

    assertThat(r.op()).isEqualTo("subscribe");
    assertThat(r.id().intValue()).isEqualTo(7);
    assertThat(r.requiredString("channel")).isEqualTo("chat:lobby");
  }

  @Test
  void frameWithoutIdHasNullId() throws Exception {
    assertThat(ClientRequest.parse("{\"op\":\"ping\"}").id()).isNull();
  }

  @Test
  void acceptsStringIdAndLargeIntegerId() throws Exception {
    assertThat(ClientRequest.parse("{\"op\":\"ping\",\"id\":\"req-1\"}").id().textValue()).isEqualTo("req-1");
    assertThat(ClientRequest.parse("{\"op\":\"ping\",\"id\":\"" + "x".repeat(64) + "\"}").id().textValue())
        .hasSize(64);
    assertThat(ClientRequest.parse("{\"op\":\"ping\",\"id\":12345678901234567890}").id().bigIntegerValue())
        .isEqualTo(new BigInteger("12345678901234567890"));
  }

  @Test
  void rejectsIdThatIsNotAnIntegerOrShortString() {
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"id\":{\"a\":1}}"))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"id\":[1]}"))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"id\":1.5}"))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"id\":true}"))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}")))
        .isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void rejectsInvalidJsonAsBadFrame() {
    assertThatThrownBy(() -> ClientRequest.parse("{\"op\":"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessage("not valid JSON");
    assertThat(codeOf(() -> ClientRequest.parse("op=ping"))).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(codeOf(() -> ClientRequest.parse(""))).isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void rejectsDuplicateFieldsAsBadFrame() {
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"op\":\"connect\"}"))).isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> ClientRequest.parse("[{\"op\":\"ping\"}]"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessage("frame must be a JSON object");
    assertThat(codeOf(() -> ClientRequest.parse("42"))).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(codeOf(() -> ClientRequest.parse("\"ping\""))).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(codeOf(() -> ClientRequest.parse("null"))).isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void rejectsTrailingDataAfterTheObject() {
    assertThatThrownBy(() -> ClientRequest.parse("{\"op\":\"ping\"}{\"op\":\"ping\"}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME))
        .hasMessageContaining("trailing");
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\"} x"))).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\"} 1"))).isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void allowsTrailingWhitespace() throws Exception {
    assertThat(ClientRequest.parse(" {\"op\":\"ping\"}\n ").op()).isEqualTo("ping");
  }

  @Test
  void acceptsNestingUpToTheLimitAndRejectsDeeper() throws Exception {
    assertThat(ClientRequest.parse(nested(ClientRequest.MAX_DEPTH)).op()).isEqualTo("ping");
    assertThat(codeOf(() -> ClientRequest.parse(nested(ClientRequest.MAX_DEPTH + 1)))).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(codeOf(() -> ClientRequest.parse(nested(10_000)))).isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void rejectsOverlongNumbers() {
    assertThat(codeOf(() -> ClientRequest.parse("{\"op\":\"ping\",\"n\":" + "9".repeat(1000) + "}")))
        .isEqualTo(ErrorCode.BAD_FRAME);
  }

  @Test
  void missingOrNonStringOpGivesNullOpButKeepsTheId() throws Exception {
    ClientRequest missing = ClientRequest.parse("{\"id\":3}");
    ClientRequest number = ClientRequest.parse("{\"op\":5,\"id\":\"x\"}");
    ClientRequest object = ClientRequest.parse("{\"op\":{}}");

    assertThat(missing.op()).isNull();
    assertThat(missing.id().intValue()).isEqualTo(3);
    assertThat(number.op()).isNull();
    assertThat(number.id().textValue()).isEqualTo("x");
    assertThat(object.op()).isNull();
  }

  @Test
  void requiredStringRejectsMissingEmptyAndNonString() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"x\",\"empty\":\"\",\"num\":1,\"nul\":null}");

    for (String field : new String[] {"absent", "empty", "num", "nul"}) {
      assertThatThrownBy(() -> r.requiredString(field))
          .as(field)
          .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
          .hasMessageContaining("'" + field + "'");
    }
  }

  @Test
  void requiredValueAcceptsAnyJsonTypeButNotAbsence() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"publish\",\"data\":{\"a\":[1,null]},\"nul\":null}");

    assertThat(r.requiredValue("data").toString()).isEqualTo("{\"a\":[1,null]}");
    assertThat(r.requiredValue("nul").isNull()).isTrue();
    assertThat(codeOf(() -> r.requiredValue("absent"))).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void optionalPositionReadsEpochAndSeq() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":{\"epoch\":\"e1\",\"seq\":41}}");

    assertThat(r.optionalSince("since")).containsExactly(new SincePosition(null, new StreamPosition("e1", 41), 0));
  }

  @Test
  void fromIsANonNegativeMillisecondTimestamp() throws Exception {
    assertThat(ClientRequest.parse("{\"op\":\"subscribe\",\"from\":1700000000123}").optionalMillis("from")).isEqualTo(1700000000123L);
    assertThat(ClientRequest.parse("{\"op\":\"subscribe\"}").optionalMillis("from")).isZero();
    for (String bad : new String[] {"-1", "\"soon\"", "1.5", "99999999999999999999"}) {
      assertThatThrownBy(() -> ClientRequest.parse("{\"op\":\"subscribe\",\"from\":" + bad + "}").optionalMillis("from"))
          .as(bad).isInstanceOf(ProtocolException.class).hasMessageContaining("'from'");
    }
  }

  @Test
  void optionalPositionIsEmptyWhenAbsentOrNull() throws Exception {
    assertThat(ClientRequest.parse("{\"op\":\"subscribe\"}").optionalSince("since")).isEmpty();
    assertThat(ClientRequest.parse("{\"op\":\"subscribe\",\"since\":null}").optionalSince("since")).isEmpty();
  }

  @Test
  void sinceListsOnePositionPerOriginCloud() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":[{\"origin\":\"a\",\"epoch\":\"e1\",\"seq\":4,\"ts\":17},"
        + "{\"origin\":\"b\",\"epoch\":\"f1\",\"seq\":2}]}");

    assertThat(r.optionalSince("since")).containsExactly(
        new SincePosition("a", new StreamPosition("e1", 4), 17), new SincePosition("b", new StreamPosition("f1", 2), 0));
  }

  @Test
  void sinceListsNeedDistinctNamedOriginsAndABoundedLength() throws Exception {
    String many = "[" + String.join(",", java.util.stream.IntStream.rangeClosed(0, ClientRequest.MAX_SINCE_ORIGINS)
        .mapToObj(i -> "{\"origin\":\"c" + i + "\",\"epoch\":\"e\",\"seq\":1}").toList()) + "]";
    for (String since : new String[] {
        "[]",
        many,
        "[{\"epoch\":\"e1\",\"seq\":1}]",
        "[{\"origin\":\"a\",\"epoch\":\"e1\",\"seq\":1},{\"origin\":\"a\",\"epoch\":\"e2\",\"seq\":1}]",
        "{\"origin\":\"A B\",\"epoch\":\"e1\",\"seq\":1}",
        "{\"origin\":7,\"epoch\":\"e1\",\"seq\":1}",
        "{\"epoch\":\"e1\",\"seq\":1,\"ts\":-5}"}) {
      ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":" + since + "}");
      assertThat(codeOf(() -> r.optionalSince("since"))).as(since).isEqualTo(ErrorCode.BAD_REQUEST);
    }
  }

  @Test
  void optionalPositionRejectsMalformedValues() throws Exception {
    String[] malformed = {
        "\"e1:41\"",
        "[\"e1\",41]",
        "[[]]",
        "{\"seq\":41}",
        "{\"epoch\":\"e1\"}",
        "{\"epoch\":1,\"seq\":41}",
        "{\"epoch\":\"e1\",\"seq\":\"41\"}",
        "{\"epoch\":\"e1\",\"seq\":4.5}",
        "{\"epoch\":\"e1\",\"seq\":99999999999999999999}",
    };
    for (String since : malformed) {
      ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":" + since + "}");
      assertThatThrownBy(() -> r.optionalSince("since"))
          .as(since)
          .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
          .hasMessageContaining("'since");
    }
  }

  @Test
  void optionalPositionRejectsNegativeSeqAndEmptyOrOverlongEpoch() throws Exception {
    for (String since : new String[] {
        "{\"epoch\":\"e1\",\"seq\":-1}",
        "{\"epoch\":\"\",\"seq\":1}",
        "{\"epoch\":\"" + "e".repeat(StreamPosition.MAX_EPOCH_LENGTH + 1) + "\",\"seq\":1}"}) {
      ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":" + since + "}");
      assertThat(codeOf(() -> r.optionalSince("since"))).as(since).isEqualTo(ErrorCode.BAD_REQUEST);
    }
  }

  @Test
  void optionalPositionAcceptsSeqZero() throws Exception {
    ClientRequest r = ClientRequest.parse("{\"op\":\"subscribe\",\"since\":{\"epoch\":\"e1\",\"seq\":0}}");

    assertThat(r.optionalSince("since")).extracting(SincePosition::position).containsExactly(new StreamPosition("e1", 0));
  }
}

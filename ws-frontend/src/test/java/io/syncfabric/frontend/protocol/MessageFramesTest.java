package io.syncfabric.frontend.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFramesTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static Envelope envelope(String contentType, byte[] payload, Map<String, String> headers) {
    return Envelope.newBuilder()
        .setChannel("chat:lobby")
        .setEpoch("e1")
        .setSeq(7)
        .setOriginCloud("b")
        .setOriginTopic("fabric.ingress")
        .setOriginPartition(2)
        .setOriginOffset(99)
        .setPublishedAt(1_700_000_000_123L)
        .setSequencedAt(1_700_000_000_456L)
        .setContentType(contentType)
        .setHeaders(headers)
        .setPayload(ByteBuffer.wrap(payload))
        .build();
  }

  private static JsonNode encode(String contentType, byte[] payload) throws Exception {
    return JSON.readTree(MessageFrames.encode(envelope(contentType, payload, Map.of())));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void carriesChannelPositionTimestampAndOrigin() throws Exception {
    JsonNode f = encode("application/json", utf8("{}"));

    assertThat(f.get("op").textValue()).isEqualTo("message");
    assertThat(f.get("channel").textValue()).isEqualTo("chat:lobby");
    assertThat(f.get("epoch").textValue()).isEqualTo("e1");
    assertThat(f.get("seq").longValue()).isEqualTo(7L);
    assertThat(f.get("ts").longValue()).isEqualTo(1_700_000_000_123L);
    assertThat(f.get("origin").textValue()).isEqualTo("b");
  }

  @Test
  void jsonPayloadIsEmbeddedAsJson() throws Exception {
    JsonNode f = encode("application/json", utf8("{\"text\":\"hi\",\"n\":[1,2]}"));

    assertThat(f.get("data").isObject()).isTrue();
    assertThat(f.get("data").get("text").textValue()).isEqualTo("hi");
    assertThat(f.get("data").get("n").get(1).intValue()).isEqualTo(2);
    assertThat(f.has("type")).isFalse();
    assertThat(f.has("encoding")).isFalse();
  }

  @Test
  void jsonScalarPayloadIsEmbeddedAsJson() throws Exception {
    assertThat(encode("application/json", utf8("42")).get("data").intValue()).isEqualTo(42);
    assertThat(encode("application/json; charset=utf-8", utf8("\"s\"")).get("data").textValue()).isEqualTo("s");
  }

  @Test
  void jsonPayloadBytesAreCopiedVerbatim() {
    byte[] frame = MessageFrames.encode(envelope("application/json", utf8("{ \"a\" : 1 }"), Map.of()));

    assertThat(new String(frame, StandardCharsets.UTF_8)).contains("\"data\":{ \"a\" : 1 }");
  }

  @Test
  void payloadClaimingJsonButNotParsingIsSentAsAStringWithoutType() throws Exception {
    JsonNode f = encode("application/json", utf8("{\"broken\": "));

    assertThat(f.get("data").isTextual()).isTrue();
    assertThat(f.get("data").textValue()).isEqualTo("{\"broken\": ");
    assertThat(f.has("type")).isFalse();
    assertThat(f.has("encoding")).isFalse();
  }

  @Test
  void payloadClaimingJsonWithTrailingDataIsSentAsAString() throws Exception {
    JsonNode f = encode("application/json", utf8("{\"a\":1}, \"injected\": 2"));

    assertThat(f.get("data").textValue()).isEqualTo("{\"a\":1}, \"injected\": 2");
    assertThat(f.has("injected")).isFalse();
  }

  @Test
  void textPayloadIsAStringWithItsType() throws Exception {
    JsonNode f = encode("text/plain", utf8("héllo \"world\"\n"));

    assertThat(f.get("data").textValue()).isEqualTo("héllo \"world\"\n");
    assertThat(f.get("type").textValue()).isEqualTo("text/plain");
    assertThat(f.has("encoding")).isFalse();
  }

  @Test
  void jsonLookingPayloadOfAnotherTypeIsSentAsAString() throws Exception {
    JsonNode f = encode("text/plain", utf8("{\"a\":1}"));

    assertThat(f.get("data").textValue()).isEqualTo("{\"a\":1}");
    assertThat(f.get("type").textValue()).isEqualTo("text/plain");
  }

  @Test
  void binaryPayloadIsBase64WithItsEncodingAndType() throws Exception {
    byte[] payload = {(byte) 0xFF, 0x00, 0x10, (byte) 0x80};

    JsonNode f = encode("application/octet-stream", payload);

    assertThat(f.get("encoding").textValue()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(f.get("data").textValue())).isEqualTo(payload);
    assertThat(f.get("type").textValue()).isEqualTo("application/octet-stream");
  }

  @Test
  void emptyPayloadIsAnEmptyString() throws Exception {
    JsonNode f = encode("application/json", new byte[0]);

    assertThat(f.get("data").textValue()).isEmpty();
  }

  @Test
  void headersAreAnObjectWhenPresent() throws Exception {
    byte[] frame = MessageFrames.encode(envelope("text/plain", utf8("x"), Map.of("trace-id", "t-1", "k", "v")));

    JsonNode headers = JSON.readTree(frame).get("headers");

    assertThat(headers.isObject()).isTrue();
    assertThat(headers.get("trace-id").textValue()).isEqualTo("t-1");
    assertThat(headers.get("k").textValue()).isEqualTo("v");
    assertThat(headers.size()).isEqualTo(2);
  }

  @Test
  void headersAreOmittedWhenEmpty() throws Exception {
    assertThat(encode("text/plain", utf8("x")).has("headers")).isFalse();
  }

  @Test
  void encodingDoesNotConsumeTheEnvelopePayload() throws Exception {
    Envelope e = envelope("text/plain", utf8("again"), Map.of());

    MessageFrames.encode(e);

    assertThat(JSON.readTree(MessageFrames.encode(e)).get("data").textValue()).isEqualTo("again");
  }

  @Test
  void jsonInUtf16IsNotEmbeddedRawSoTheFrameStillParses() throws Exception {
    for (var charset : new java.nio.charset.Charset[] {
        StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16}) {
      byte[] payload = "{\"a\":1}".getBytes(charset);

      JsonNode f = encode("application/json", payload);

      assertThat(f.get("data").isObject()).as(charset.name()).isFalse();
      assertThat(f.has("a")).isFalse();
    }
  }

  @Test
  void jsonAfterAByteOrderMarkIsSentAsAString() throws Exception {
    JsonNode f = encode("application/json", utf8("\uFEFF{\"a\":1}"));

    assertThat(f.get("data").textValue()).isEqualTo("\uFEFF{\"a\":1}");
  }

  @Test
  void everyFrameIsValidJsonWhateverThePayload() throws Exception {
    byte[][] payloads = {
        utf8("{\"a\":1}"), utf8("{\"a\":"), utf8("\"x\"} , {"), "[1]".getBytes(StandardCharsets.UTF_16BE),
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'}, {0, 0, 0, '1'}, {(byte) 0xC3, 0x28}, new byte[0]};
    for (String type : new String[] {"application/json", "text/plain", "application/octet-stream"}) {
      for (byte[] payload : payloads) {
        JsonNode f = encode(type, payload);
        assertThat(f.get("op").textValue()).isEqualTo("message");
        assertThat(f.get("seq").longValue()).isEqualTo(7L);
      }
    }
  }
}

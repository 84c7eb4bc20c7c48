package io.syncfabric.frontend.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/**
 * Encodes a {@code message} frame, once per message, whatever the number of subscribers.
 *
 * <p>{@code data} is the payload itself when it is JSON, a string when it is UTF-8 text, and base64
 * with {@code "encoding": "base64"} otherwise. A payload that claims JSON but does not parse is sent
 * as text, so one bad publisher can never produce a frame clients cannot parse.
 */
public final class MessageFrames {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
      .build();

  private MessageFrames() {}

  public static byte[] encode(Envelope e) {
    ByteBuffer payload = e.getPayload().duplicate();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    return ServerFrames.write(g -> {
      g.writeStringField("op", "message");
      g.writeStringField("channel", e.getChannel());
      g.writeStringField("epoch", e.getEpoch());
      g.writeNumberField("seq", e.getSeq());
      g.writeNumberField("ts", e.getPublishedAt());
      g.writeStringField("origin", e.getOriginCloud());
      String text = Utf8.decodeStrict(bytes);
      if (e.getContentType().startsWith("application/json") && text != null && isJson(text)) {
        g.writeFieldName("data");
        g.writeRawValue(text);
      } else {
        if (text != null) {
          g.writeStringField("data", text);
        } else {
          g.writeStringField("data", Base64.getEncoder().encodeToString(bytes));
          g.writeStringField("encoding", "base64");
        }
        if (!e.getContentType().startsWith("application/json")) {
          g.writeStringField("type", e.getContentType());
        }
      }
      Map<String, String> headers = e.getHeaders();
      if (headers != null && !headers.isEmpty()) {
        g.writeObjectFieldStart("headers");
        for (var h : headers.entrySet()) {
          g.writeStringField(h.getKey(), h.getValue());
        }
        g.writeEndObject();
      }
    });
  }

  /**
   * One JSON value, read from decoded text: a byte parser would auto-detect UTF-16/32 and skip a
   * BOM, and such bytes copied raw into a UTF-8 frame make it unparseable.
   */
  static boolean isJson(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}

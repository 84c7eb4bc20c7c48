package io.syncfabric.bridge.sequencer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import io.syncfabric.schema.Utf8;

/**
 * Decides a payload's content type once, at the sequencer, so frontends never guess per client:
 * the backend's {@code content-type} header if it set one, else JSON if the bytes are one JSON
 * value, else text if they are UTF-8, else binary.
 */
public final class ContentTypes {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain";
  public static final String BINARY = "application/octet-stream";

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
      .build();

  private ContentTypes() {}

  public static String sniff(byte[] payload) {
    String text = Utf8.decodeStrict(payload);
    if (text == null) {
      return BINARY;
    }
    return isJson(text) ? JSON : TEXT;
  }

  /** True when a declared content type is short printable ASCII (it is copied into every frame). */
  public static boolean isAcceptable(String declared) {
    if (declared.isEmpty() || declared.length() > 100) {
      return false;
    }
    return declared.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' ');
  }

  /** JSON check on already-decoded text: the byte parser would accept UTF-16 and BOMs, which clients must not get. */
  static boolean isJson(String payload) {
    if (payload.isEmpty()) {
      return false;
    }
    try (JsonParser parser = FACTORY.createParser(payload)) {
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

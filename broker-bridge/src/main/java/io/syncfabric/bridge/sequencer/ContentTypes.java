package io.syncfabric.bridge.sequencer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

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
    if (isJson(payload)) {
      return JSON;
    }
    return isUtf8(payload) ? TEXT : BINARY;
  }

  /** True when a declared content type is short printable ASCII (it is copied into every frame). */
  public static boolean isAcceptable(String declared) {
    if (declared.isEmpty() || declared.length() > 100) {
      return false;
    }
    return declared.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' ');
  }

  static boolean isJson(byte[] payload) {
    if (payload.length == 0) {
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

  static boolean isUtf8(byte[] payload) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}

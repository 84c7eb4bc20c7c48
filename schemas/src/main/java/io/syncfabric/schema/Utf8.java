package io.syncfabric.schema;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: malformed input is refused ({@code null}), never patched with replacement characters. */
public final class Utf8 {
  private Utf8() {}

  /** The text, or {@code null} when {@code bytes} are not well-formed UTF-8. */
  public static String decodeStrict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

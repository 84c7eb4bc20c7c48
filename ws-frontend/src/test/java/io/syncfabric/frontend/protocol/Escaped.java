package io.syncfabric.frontend.protocol;

/** Readable text for the failure messages of the property tests. */
public final class Escaped {
  private Escaped() {}

  /** Text for failure messages: escapes control characters and surrogates, cut to a readable size. */
  public static String show(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 600; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > 600 ? b + "... (" + s.length() + " chars)" : b.toString();
  }
}

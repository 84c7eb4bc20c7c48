package io.syncfabric.schema;

/** Readable text for the failure messages of the property tests. */
final class Escaped {
  private Escaped() {}

  /** Bytes for failure messages, hex, cut to a readable size. */
  static String hex(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    String all = java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 300));
    return bytes.length > 300 ? all + "... (" + bytes.length + " bytes)" : all;
  }
}

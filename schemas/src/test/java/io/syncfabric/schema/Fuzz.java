package io.syncfabric.schema;

import java.util.Random;

/**
 * Runs a property over many seeded random tries; a failure names the one seed that reproduces it.
 * The base seed is fixed, so CI sees the same inputs every run; {@code -Dfuzz.seed=N} explores others
 * and {@code -Dfuzz.scale=K} multiplies the tries. (A copy of ws-frontend's: modules share no test code.)
 */
final class Fuzz {
  private static final long DEFAULT_SEED = 0x5F4E_C0DE_2024L;

  private Fuzz() {}

  /** A property checked on one random input; it fails by throwing. */
  public interface Try {
    void run(Random random) throws Exception;
  }

  public static void run(String property, int tries, Try body) {
    long base = Long.getLong("fuzz.seed", DEFAULT_SEED);
    int total = tries * Integer.getInteger("fuzz.scale", 1);
    for (int i = 0; i < total; i++) {
      long seed = base + i * 0x9E37_79B9_7F4A_7C15L;
      try {
        body.run(new Random(seed));
      } catch (Throwable e) {
        throw new AssertionError(property + " falsified on try " + i + " of " + total + " (base seed " + base
            + ", try seed " + seed + "): " + e.getMessage(), e);
      }
    }
  }

  /** Bytes for failure messages, hex, cut to a readable size. */
  static String hex(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    String all = java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 300));
    return bytes.length > 300 ? all + "... (" + bytes.length + " bytes)" : all;
  }
}

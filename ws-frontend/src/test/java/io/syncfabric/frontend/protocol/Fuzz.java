package io.syncfabric.frontend.protocol;

import java.util.Random;

/**
 * Runs a property over many seeded random tries. Each try gets its own {@link Random}, so a failure
 * names the one seed that reproduces it. The base seed is fixed, so CI sees the same inputs every run;
 * {@code -Dfuzz.seed=N} explores others and {@code -Dfuzz.scale=K} multiplies the tries.
 */
public final class Fuzz {
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

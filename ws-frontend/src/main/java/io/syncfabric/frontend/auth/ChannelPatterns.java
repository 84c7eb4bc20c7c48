package io.syncfabric.frontend.auth;

import java.util.List;

/**
 * The channels a token allows, as glob patterns: {@code *} matches any run of characters (including
 * none), everything else matches itself. {@code chat:*} allows {@code chat:lobby}; {@code *} allows all.
 */
public record ChannelPatterns(List<String> patterns) {
  public static final ChannelPatterns NONE = new ChannelPatterns(List.of());

  public ChannelPatterns {
    patterns = List.copyOf(patterns);
  }

  public boolean allows(String channel) {
    for (String p : patterns) {
      if (matches(p, channel)) {
        return true;
      }
    }
    return false;
  }

  /** Iterative glob match with single-star backtracking: linear in practice, no regex. */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}

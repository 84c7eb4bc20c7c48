package io.syncfabric.schema;

/**
 * Rules for channel names, shared by the sequencer (which rejects bad ones to the dead-letter topic)
 * and the frontends (which reject bad subscribe/publish requests).
 *
 * <p>A channel name is 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 _ - : . @ / = + ,}.
 * {@code *} is not allowed: it is the wildcard of permission patterns.
 */
public final class ChannelName {
  public static final int MAX_LENGTH = 200;

  private ChannelName() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!allowed(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == ':' || c == '.' || c == '@' || c == '/' || c == '='
        || c == '+' || c == ',';
  }
}

package io.syncfabric.config;

/** A configuration problem found at start-up; the message always names the offending key. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The key (or file) at fault. */
  public String key() {
    return key;
  }
}

package io.syncfabric.config;

import java.util.Map;

/** Parsed, validated configuration values. Components read typed values, never raw text. */
public final class Config {
  private final Map<String, Object> values;

  Config(Map<String, Object> values) {
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Object v = values.get(key.name());
    if (v == null && !values.containsKey(key.name())) {
      throw new IllegalArgumentException("key not part of this config: " + key.name());
    }
    return (T) v;
  }

}

package io.syncfabric.frontend.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Server API keys for {@code POST /v1/publish}; compared in constant time. */
public final class ApiKeys {
  private final List<byte[]> keys;

  public ApiKeys(List<String> keys) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** True when {@code presented} equals one of the keys; every key is compared, whatever matches. */
  public boolean accepts(String presented) {
    if (presented == null) {
      return false;
    }
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= MessageDigest.isEqual(key, candidate);
    }
    return match;
  }
}

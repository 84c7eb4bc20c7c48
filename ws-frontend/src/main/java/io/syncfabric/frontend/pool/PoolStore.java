package io.syncfabric.frontend.pool;

import java.util.Map;

/** Where a cloud's pool entries live: node id to the entry's JSON. */
public interface PoolStore {
  /**
   * Writes this frontend's entry; the store may drop it by itself after {@code ttlMs}. Returns
   * whether an entry was there before (false after another frontend dropped ours).
   */
  boolean put(String node, String json, long ttlMs);

  void remove(String node);

  /** Removes the entry only if it still holds {@code json}: true for the one caller that removed it. */
  boolean removeIfSame(String node, String json);

  /** A snapshot of every entry. */
  Map<String, String> entries();
}

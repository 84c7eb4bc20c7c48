package io.syncfabric.frontend.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Who is subscribed to which channel, across the cloud's pool. */
public interface PresenceStore {
  CompletionStage<Void> join(String channel, PresenceEntry entry);

  /** Completes with the entry removed, or null when there was none. */
  CompletionStage<PresenceEntry> leave(String channel, String client);

  CompletionStage<List<PresenceEntry>> list(String channel);

  /** Removes every entry of {@code node} (it left the pool): channel to the entries removed. */
  Map<String, List<PresenceEntry>> removeNode(String node);
}

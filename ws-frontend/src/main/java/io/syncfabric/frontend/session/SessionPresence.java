package io.syncfabric.frontend.session;

import io.syncfabric.frontend.presence.Presence;
import io.syncfabric.frontend.presence.PresenceEntry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's part in presence: its joins (a leave waits for its own join, so it can never
 * overtake it) and the channels it watches for join/leave events. Does nothing when presence is off.
 */
final class SessionPresence {
  private static final Logger log = LoggerFactory.getLogger(SessionPresence.class);

  private final Presence presence;
  private final Presence.Watcher watcher;
  private final String node;
  private final Map<String, CompletionStage<Void>> joins = new ConcurrentHashMap<>();
  private final Set<String> watching = ConcurrentHashMap.newKeySet();

  SessionPresence(Presence presence, Presence.Watcher watcher, String node) {
    this.presence = presence;
    this.watcher = watcher;
    this.node = node;
  }

  void join(String channel, String user, boolean watch) {
    if (presence == null) {
      return;
    }
    if (watch) {
      watching.add(channel);
      presence.watch(channel, watcher);
    }
    joins.put(channel, presence.join(channel, new PresenceEntry(watcher.clientId(), user, node)).exceptionally(e -> {
      logFailure("join", channel, e);
      return null;
    }));
  }

  void leave(String channel) {
    if (presence == null) {
      return;
    }
    if (watching.remove(channel)) {
      presence.unwatch(channel, watcher);
    }
    CompletionStage<Void> joined = joins.remove(channel);
    if (joined != null) {
      joined.thenCompose(v -> presence.leave(channel, watcher.clientId())).exceptionally(e -> {
        logFailure("leave", channel, e);
        return null;
      });
    }
  }

  /** Joins every channel again (the pool had dropped this frontend and its presence with it). */
  void rejoin(Set<String> channels, String user) {
    if (presence == null) {
      return;
    }
    for (String channel : channels) {
      CompletionStage<Void> before = joins.getOrDefault(channel, java.util.concurrent.CompletableFuture.completedFuture(null));
      joins.put(channel, before.thenCompose(v -> presence.join(channel, new PresenceEntry(watcher.clientId(), user, node)))
          .exceptionally(e -> null));
    }
  }

  /** Runs on a Hazelcast thread: the session id goes into the MDC by hand, as on the I/O thread. */
  private void logFailure(String what, String channel, Throwable e) {
    try (var session = org.slf4j.MDC.putCloseable("session", watcher.clientId())) {
      log.debug("session {}: presence {} on {} failed: {}", watcher.clientId(), what, channel, e.toString());
    }
  }
}

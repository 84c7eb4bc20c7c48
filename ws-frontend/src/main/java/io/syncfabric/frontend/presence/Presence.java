package io.syncfabric.frontend.presence;

import io.syncfabric.frontend.channel.Subscriber;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence for one frontend: records its clients' joins and leaves in the cloud's store, announces
 * them on the bus, and forwards every event to the local clients that asked to watch the channel.
 * When a frontend leaves the pool, the one frontend that removed it clears its clients here.
 */
public final class Presence {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);

  private final PresenceStore store;
  private final PresenceBus bus;
  private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();

  /** A local client that wants join/leave events for a channel. */
  public interface Watcher extends Subscriber {
    /** Its own client id: it is not told about itself. */
    String clientId();
  }

  public Presence(PresenceStore store, PresenceBus bus) {
    this.store = store;
    this.bus = bus;
    bus.listen(this::forward);
  }

  public CompletionStage<Void> join(String channel, PresenceEntry entry) {
    return store.join(channel, entry).thenRun(() -> bus.publish(new PresenceEvent(true, channel, entry)));
  }

  public CompletionStage<Void> leave(String channel, String client) {
    return store.leave(channel, client).thenAccept(removed -> {
      if (removed != null) {
        bus.publish(new PresenceEvent(false, channel, removed));
      }
    });
  }

  public CompletionStage<List<PresenceEntry>> list(String channel) {
    return store.list(channel);
  }

  /** Clears a departed frontend's clients and tells watchers they left. */
  public void nodeDeparted(String node) {
    Map<String, List<PresenceEntry>> removed = store.removeNode(node);
    int count = 0;
    for (var e : removed.entrySet()) {
      for (PresenceEntry entry : e.getValue()) {
        bus.publish(new PresenceEvent(false, e.getKey(), entry));
        count++;
      }
    }
    if (count > 0) {
      log.info("presence: {} clients of departed frontend {} left", count, node);
    }
  }

  public void watch(String channel, Watcher watcher) {
    watchers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(watcher);
  }

  public void unwatch(String channel, Watcher watcher) {
    watchers.computeIfPresent(channel, (c, set) -> {
      set.remove(watcher);
      return set.isEmpty() ? null : set;
    });
  }

  private void forward(PresenceEvent event) {
    Set<Watcher> local = watchers.get(event.channel());
    if (local == null) {
      return;
    }
    byte[] frame = event.frame();
    for (Watcher w : local) {
      if (!w.clientId().equals(event.entry().client())) {
        w.deliver(frame);
      }
    }
  }
}

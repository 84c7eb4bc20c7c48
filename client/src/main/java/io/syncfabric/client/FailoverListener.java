package io.syncfabric.client;

import java.net.URI;

/**
 * Callbacks of a {@link FailoverClient}. Messages arrive on WebSocket threads, once each and in
 * order per channel; keep callbacks short.
 */
public interface FailoverListener {
  void onMessage(FabricMessage message);

  /** A subscribe was answered; {@code resumed} when it was sent with {@code since}. */
  default void onSubscribed(Subscribed reply, boolean resumed) {}

  /** A resubscribe with {@code since} could not replay what was missed: reload the channel's state. */
  default void onResync(Subscribed reply) {}

  default void onStateChange(ClientState from, ClientState to) {}

  /** Connected (again) to {@code node}. */
  default void onConnected(String node, URI url, String sessionId) {}

  default void onPresence(boolean joined, String channel, PresenceInfo client) {}

  /** Something went wrong that the client handles by itself (logged for diagnosis), or a refusal. */
  default void onError(Throwable error) {}
}

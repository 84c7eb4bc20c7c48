package io.syncfabric.client;

/** Callbacks of a {@link FabricClient}; called on the client's WebSocket thread, keep them short. */
public interface FabricListener {
  void onMessage(FabricMessage message);

  /** An {@code error} frame not tied to a request of this client (e.g. shutting-down). */
  default void onError(FabricException error) {}

  /** A {@code join} ({@code joined} true) or {@code leave} on a channel subscribed with presence. */
  default void onPresence(boolean joined, String channel, PresenceInfo client) {}

  /**
   * The frontend is draining: connect to {@code url} (empty: ask discovery), resume there and close
   * this connection within {@code withinMs}.
   */
  default void onReconnect(String url, String node, String reason, long withinMs) {}

  /** The connection closed: {@code code} is the WebSocket close code (1006 when it dropped). */
  default void onClose(int code, String reason) {}
}

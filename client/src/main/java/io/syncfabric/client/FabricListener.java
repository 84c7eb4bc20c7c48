package io.syncfabric.client;

/** Callbacks of a {@link FabricClient}; called on the client's WebSocket thread, keep them short. */
public interface FabricListener {
  void onMessage(FabricMessage message);

  /** An {@code error} frame not tied to a request of this client (e.g. shutting-down). */
  default void onError(FabricException error) {}

  /** The connection closed: {@code code} is the WebSocket close code (1006 when it dropped). */
  default void onClose(int code, String reason) {}
}

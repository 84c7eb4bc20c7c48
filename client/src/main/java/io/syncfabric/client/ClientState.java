package io.syncfabric.client;

/** Where a {@link FailoverClient} is. */
public enum ClientState {
  /** Not started yet. */
  IDLE,
  /** Looking for a frontend and connecting, the first time. */
  CONNECTING,
  /** Connected and subscribed. */
  CONNECTED,
  /** Lost its frontend (or told to move); finding another and resuming. */
  RECONNECTING,
  /** Closed by the application, or refused for good (bad credentials). */
  CLOSED
}

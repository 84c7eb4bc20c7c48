package io.syncfabric.frontend.session;

/**
 * The socket side of a connection, as the session sees it. The Undertow implementation runs every
 * call's work on the connection's I/O thread; tests use a recording fake.
 */
public interface FrameTransport {
  /** Runs {@code task} on the connection's I/O thread. */
  void execute(Runnable task);

  /** Runs {@code task} on the I/O thread after {@code delayMs}. */
  void schedule(Runnable task, long delayMs);

  /** Writes text frames in order; {@code onDone} runs once all are handed to the socket. */
  void write(byte[][] frames, int count, Runnable onDone);

  /** Sends a close frame with {@code code} and drops the connection shortly after. */
  void close(int code, String reason);

  /** Sends a WebSocket ping; the client's pong (or any frame) shows it is alive. */
  void ping();

  /** Drops the connection at once, without a close frame (crash drills). */
  void abort();
}

package io.syncfabric.bench.jmh;

import io.syncfabric.frontend.session.FrameTransport;

/**
 * A socket that takes every frame at once, on the caller's thread: what is left to measure is the
 * fabric's own fan-out work (lookup, enqueue, batch, hand-off), not the kernel's.
 */
final class DiscardingTransport implements FrameTransport {
  long framesWritten;

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public void schedule(Runnable task, long delayMs) {
    // no timers in a benchmark
  }

  @Override
  public void write(byte[][] frames, int count, Runnable onDone) {
    framesWritten += count;
    onDone.run();
  }

  @Override
  public void close(int code, String reason) {
    throw new IllegalStateException("a benchmark connection was closed: " + code + " " + reason);
  }

  @Override
  public void ping() {
    // nobody to ping
  }

  @Override
  public void abort() {
    throw new IllegalStateException("a benchmark connection was aborted");
  }
}

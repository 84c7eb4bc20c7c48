package io.syncfabric.cli;

import java.util.concurrent.CountDownLatch;

final class Waiting {
  private Waiting() {}

  /** Blocks the main thread until the shutdown hook has finished its work. */
  static void forever(CountDownLatch stopped) {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

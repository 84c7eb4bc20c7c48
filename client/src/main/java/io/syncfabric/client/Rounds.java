package io.syncfabric.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A task a connected client runs every so often: started once, stopped for good when the client closes. */
final class Rounds {
  private final ScheduledExecutorService scheduler;
  private final long everyMs;
  private ScheduledFuture<?> task;
  private boolean stopped;

  /** @param everyMs zero: the rounds never start */
  Rounds(ScheduledExecutorService scheduler, long everyMs) {
    this.scheduler = scheduler;
    this.everyMs = everyMs;
  }

  /** Starts the rounds once; later calls do nothing. */
  synchronized void start(Runnable round) {
    if (task != null || stopped || everyMs <= 0) {
      return;
    }
    task = scheduler.scheduleWithFixedDelay(round, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** For good: a start that races with it does not start the rounds. */
  synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
  }
}

package io.syncfabric.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks discovery again every so often while a client is connected (the frontend it is connected
 * to first), so what it knows keeps up with the pools: the frontends of a cloud that appeared
 * after it connected are there to fail over to when its own cloud goes dark and takes the seeds
 * with it. A failover asks discovery anew by itself.
 */
final class DiscoveryRefresher {
  /** The connection to ask through and the session to name, while connected. */
  record Connected(URI wsUrl, String session) {}

  private final FrontendFinder finder;
  private final ScheduledExecutorService scheduler;
  private final long everyMs;
  private ScheduledFuture<?> task;
  private boolean stopped;

  DiscoveryRefresher(FrontendFinder finder, ScheduledExecutorService scheduler, Duration every) {
    this.finder = finder;
    this.scheduler = scheduler;
    this.everyMs = every.toMillis();
  }

  /** Starts the rounds once (a zero interval never starts them); {@code connected} gives null while not connected. */
  synchronized void start(Supplier<Connected> connected) {
    if (task != null || stopped || everyMs <= 0) {
      return;
    }
    task = scheduler.scheduleWithFixedDelay(() -> refresh(connected.get()), everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** For good: a start that races with it does not start the rounds. */
  synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
  }

  private void refresh(Connected now) {
    if (now == null) {
      return;
    }
    URI ws = now.wsUrl();
    URI http = URI.create(ws.getScheme().replaceFirst("^ws", "http") + "://" + ws.getRawAuthority());
    finder.refresh(http, now.session()).exceptionally(error -> null); // the next round or a failover asks again
  }
}

package io.syncfabric.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Asks discovery again every so often while a client is connected (the frontend it is connected
 * to first), so what it knows keeps up with the pools: the frontends of a cloud that appeared
 * after it connected are there to fail over to when its own cloud goes dark and takes the seeds
 * with it. A failover asks discovery anew by itself.
 */
final class DiscoveryRefresher {
  private final FrontendFinder finder;
  private final Rounds rounds;

  DiscoveryRefresher(FrontendFinder finder, ScheduledExecutorService scheduler, Duration every) {
    this.finder = finder;
    this.rounds = new Rounds(scheduler, every.toMillis());
  }

  /** Starts the rounds once (a zero interval never starts them); {@code connected} gives null while not connected. */
  void start(Supplier<LiveConnection> connected) {
    rounds.start(() -> refresh(connected.get()));
  }

  void stop() {
    rounds.stop();
  }

  private void refresh(LiveConnection now) {
    if (now == null) {
      return;
    }
    URI ws = now.connection().url();
    URI http = URI.create(ws.getScheme().replaceFirst("^ws", "http") + "://" + ws.getRawAuthority());
    finder.refresh(http, now.session()).exceptionally(error -> null); // the next round or a failover asks again
  }
}

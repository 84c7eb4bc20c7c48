package io.syncfabric.frontend;

import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.pool.Pool;
import io.syncfabric.frontend.pool.PoolMember;
import io.syncfabric.frontend.pool.ReconnectTargets;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.session.ClientSession;
import io.syncfabric.frontend.ws.WebSocketEndpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one frontend, once: the pool learns it is draining at once (the heartbeat runs now, not
 * at its next tick), new connections are refused, every client is told where to reconnect, and
 * after the timeout the rest are closed with {@code shutting-down}.
 */
final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);

  private final String node;
  private final Pool pool;
  private final Executor heartbeat;
  private final WebSocketEndpoint endpoint;
  private final FrontendMetrics metrics;
  private final long timeoutMs;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile boolean started;

  Drain(String node, Pool pool, Executor heartbeat, WebSocketEndpoint endpoint, FrontendMetrics metrics, long timeoutMs) {
    this.node = node;
    this.pool = pool;
    this.heartbeat = heartbeat;
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.timeoutMs = timeoutMs;
  }

  /** Starts draining in the background; false when it had already started. */
  synchronized boolean start() {
    if (started) {
      return false;
    }
    started = true;
    endpoint.stopAccepting();
    metrics.drainStarted();
    Thread t = new Thread(this::run, "drain-" + node);
    t.setDaemon(true);
    t.start();
    return true;
  }

  boolean started() {
    return started;
  }

  void awaitDone() {
    done.join();
  }

  private void run() {
    try {
      CompletableFuture.runAsync(pool::beat, heartbeat).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("drain: pool entry not updated: {}", e.toString());
    }
    var targets = new ReconnectTargets(pool.live(), node);
    List<ClientSession> sessions = endpoint.sessions();
    for (ClientSession s : sessions) {
      PoolMember to = targets.next().orElse(null);
      s.reconnectTo(to == null ? "" : to.url(), to == null ? "" : to.node(), "draining", timeoutMs);
      metrics.reconnectHintSent();
    }
    log.info("frontend {} draining: {} clients told to reconnect, {} ms to leave", node, sessions.size(), timeoutMs);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (endpoint.openConnections() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int left = endpoint.openConnections();
    if (left > 0) {
      log.info("frontend {} drain timeout: closing {} remaining clients", node, left);
      endpoint.closeAll(ErrorCode.SHUTTING_DOWN, "frontend drained");
    }
    done.complete(null);
  }
}

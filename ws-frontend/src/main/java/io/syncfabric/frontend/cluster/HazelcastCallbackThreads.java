package io.syncfabric.frontend.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where Hazelcast runs the callbacks of its futures ({@code submitToKey(..).thenApply(..)}).
 *
 * <p>Hazelcast uses the common fork-join pool for them, unless that pool has a parallelism of 1 —
 * the case on every 2-core machine — where it starts <em>a new thread per callback</em>. A frontend
 * makes a callback per presence join and leave and per history read, so a reconnect storm started
 * tens of thousands of threads, mostly from Hazelcast's partition threads: heartbeats and every
 * other map operation queued behind them for 10-20 s and live frontends were dropped from the pool
 * (seen in PoolFailoverIT). A cached pool keeps the same semantics (a callback never waits for a
 * free thread, so one that blocks cannot deadlock the others) but reuses its threads.
 */
final class HazelcastCallbackThreads {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static ExecutorService pool;

  private HazelcastCallbackThreads() {}

  /** Installs the cached pool once per JVM, when Hazelcast would otherwise start a thread per callback. */
  static synchronized void install() {
    if (pool != null || ForkJoinPool.getCommonPoolParallelism() > 1) {
      return;
    }
    pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "hazelcast-callback-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ConcurrencyUtil.setDefaultAsyncExecutor(pool);
  }

  /** True once this JVM's Hazelcast callbacks run on the reused threads. */
  static synchronized boolean installed() {
    return pool != null && ConcurrencyUtil.getDefaultAsyncExecutor() == pool;
  }
}

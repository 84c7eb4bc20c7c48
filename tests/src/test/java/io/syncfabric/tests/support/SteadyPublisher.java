package io.syncfabric.tests.support;

import io.syncfabric.bridge.publish.Publisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@code {"id": n}} round-robin over channels at a steady rate through one cloud's Kafka
 * (so the messages are that cloud's stream), telling the checker about each message first. Bounded: stops after {@code count} messages or on {@link #stop}.
 */
public final class SteadyPublisher implements AutoCloseable {
  private final Publisher publisher;
  private final List<String> channels;
  private final DeliveryChecker checker;
  private final AtomicLong ids;
  private final String origin;
  private volatile boolean stopped;
  private Thread thread;

  public SteadyPublisher(TestFabric fabric, List<String> channels, DeliveryChecker checker, AtomicLong ids) {
    this.publisher = Publisher.builder().bootstrapServers(fabric.bootstrap()).topic(fabric.ingressTopic()).build();
    this.channels = channels;
    this.checker = checker;
    this.ids = ids;
    this.origin = fabric.cloud();
  }

  /** Publishes {@code count} messages now, as fast as Kafka takes them, and waits for the acks. */
  public void burst(int count) {
    for (int i = 0; i < count; i++) {
      send();
    }
    publisher.flush();
  }

  /** Starts publishing {@code perSecond} messages a second in the background, at most {@code count}. */
  public SteadyPublisher start(int perSecond, int count) {
    thread = new Thread(() -> {
      long start = System.nanoTime();
      for (int i = 0; i < count && !stopped; i++) {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        send();
      }
      publisher.flush();
    }, "steady-publisher");
    thread.start();
    return this;
  }

  /** True while the background run is still publishing. */
  public boolean running() {
    return thread != null && thread.isAlive();
  }

  /** Waits for the background run to finish its count. */
  public void awaitDone() throws InterruptedException {
    thread.join();
  }

  private void send() {
    long id = ids.incrementAndGet();
    String channel = channels.get((int) (id % channels.size()));
    checker.published(channel, origin, id);
    publisher.publishJson(channel, "{\"id\":" + id + "}");
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.join();
    }
    publisher.close();
  }
}

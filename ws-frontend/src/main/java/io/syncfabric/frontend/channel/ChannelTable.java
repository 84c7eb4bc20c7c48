package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This frontend's subscriber index: channel → subscribers, and the last position delivered on each
 * subscribed channel. Only channels with local subscribers have an entry.
 *
 * <p>Subscribe and dispatch hold the channel's lock while they enqueue, so a subscriber's
 * {@code subscribed} reply reports exactly the position after which its messages start: no gap
 * and no duplicate between the reply and the stream.
 */
public final class ChannelTable {
  /** Returned by {@link #dispatch} for a message already delivered. */
  public static final int DUPLICATE = -1;

  private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
  private final AtomicInteger subscriptions = new AtomicInteger();

  private static final class ChannelState {
    StreamPosition last;
    Subscriber[] subscribers = new Subscriber[0];
  }

  /**
   * Adds {@code subscriber} to {@code channel}, first enqueuing the reply that {@code reply} builds
   * from the channel's last delivered position ({@code null} if none is known).
   */
  public void subscribe(String channel, Subscriber subscriber, Function<StreamPosition, byte[]> reply) {
    channels.compute(channel, (name, state) -> {
      ChannelState s = state == null ? new ChannelState() : state;
      synchronized (s) {
        subscriber.deliver(reply.apply(s.last));
        Subscriber[] grown = Arrays.copyOf(s.subscribers, s.subscribers.length + 1);
        grown[grown.length - 1] = subscriber;
        s.subscribers = grown;
      }
      return s;
    });
    subscriptions.incrementAndGet();
  }

  /** Removes {@code subscriber}; returns false if it was not subscribed. */
  public boolean unsubscribe(String channel, Subscriber subscriber) {
    boolean[] removed = {false};
    channels.computeIfPresent(channel, (name, s) -> {
      synchronized (s) {
        int i = indexOf(s.subscribers, subscriber);
        if (i < 0) {
          return s;
        }
        removed[0] = true;
        Subscriber[] shrunk = new Subscriber[s.subscribers.length - 1];
        System.arraycopy(s.subscribers, 0, shrunk, 0, i);
        System.arraycopy(s.subscribers, i + 1, shrunk, i, shrunk.length - i);
        s.subscribers = shrunk;
        return shrunk.length == 0 ? null : s;
      }
    });
    if (removed[0]) {
      subscriptions.decrementAndGet();
    }
    return removed[0];
  }

  /**
   * Delivers one message to every local subscriber of {@code channel}. The frame is built only if
   * somebody is subscribed, and only once. Returns the number of subscribers it was enqueued for,
   * or {@link #DUPLICATE} when the position is not past the last one delivered in the same epoch.
   */
  public int dispatch(String channel, StreamPosition position, Supplier<byte[]> frame) {
    ChannelState s = channels.get(channel);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      if (s.last != null && s.last.epoch().equals(position.epoch()) && position.seq() <= s.last.seq()) {
        return DUPLICATE;
      }
      s.last = position;
      if (s.subscribers.length == 0) {
        return 0;
      }
      byte[] encoded = frame.get();
      for (Subscriber subscriber : s.subscribers) {
        subscriber.deliver(encoded);
      }
      return s.subscribers.length;
    }
  }

  public int channelCount() {
    return channels.size();
  }

  public int subscriptionCount() {
    return subscriptions.get();
  }

  private static int indexOf(Subscriber[] subscribers, Subscriber wanted) {
    for (int i = 0; i < subscribers.length; i++) {
      if (subscribers[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}

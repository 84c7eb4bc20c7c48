package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This frontend's subscriber index: channel → subscribers, and the last position delivered on each
 * subscribed channel, per origin cloud (every cloud's sequencer numbers its own stream of a
 * channel). Only channels with local subscribers have an entry.
 *
 * <p>Subscribe and dispatch hold the channel's lock while they enqueue, so a subscriber's
 * {@code subscribed} reply reports exactly the position after which its messages start: no gap
 * and no duplicate between the reply and the stream.
 */
public final class ChannelTable {
  /** Returned by {@link #dispatch} for a message already delivered. */
  public static final int DUPLICATE = -1;

  /** Channels whose last position is kept after their last local subscriber left. */
  static final int RECENT_POSITIONS = 100_000;

  private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
  /**
   * Last positions of channels this frontend dispatched without local subscribers (bounded, oldest
   * dropped): a recovery must reach what this frontend already streamed, and a plain subscribe can
   * report a real position.
   */
  private final Map<String, Positions> recent = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Positions> eldest) {
      return size() > RECENT_POSITIONS;
    }
  };
  private final AtomicInteger subscriptions = new AtomicInteger();

  private static final class ChannelState {
    final Map<String, StreamPosition> last = new HashMap<>(4);
    String lastOrigin;
    Subscriber[] subscribers = new Subscriber[0];
    List<RecoveryBuffer> recovering = List.of();

    Positions positions() {
      return last.isEmpty() ? Positions.NONE : new Positions(last, lastOrigin);
    }

    void restore(Positions p) {
      last.putAll(p.byOrigin());
      lastOrigin = p.latestOrigin();
    }
  }

  /** What {@link #finishRecovery}'s decision returns. */
  public enum RecoveryStep {
    /** The subscriber is live from now on. */
    LIVE,
    /** Keep holding live messages: another replay round follows. */
    CONTINUE,
    /** The subscriber went away meanwhile. */
    GONE
  }

  /**
   * Adds {@code subscriber} to {@code channel}, first enqueuing the reply that {@code reply} builds
   * from the channel's last delivered positions.
   */
  public void subscribe(String channel, Subscriber subscriber, Function<Positions, byte[]> reply) {
    channels.compute(channel, (name, state) -> {
      ChannelState s = state == null ? newState(channel) : state;
      synchronized (s) {
        subscriber.deliver(reply.apply(s.positions()));
        Subscriber[] grown = Arrays.copyOf(s.subscribers, s.subscribers.length + 1);
        grown[grown.length - 1] = subscriber;
        s.subscribers = grown;
      }
      return s;
    });
    subscriptions.incrementAndGet();
  }

  /**
   * Starts a recovering subscription: live messages for {@code subscriber} are held in the returned
   * buffer (at most {@code maxHeld}) until {@link #finishRecovery} makes it live.
   */
  public RecoveryBuffer beginRecovery(String channel, Subscriber subscriber, int maxHeld) {
    RecoveryBuffer[] buffer = new RecoveryBuffer[1];
    channels.compute(channel, (name, state) -> {
      ChannelState s = state == null ? newState(channel) : state;
      synchronized (s) {
        buffer[0] = new RecoveryBuffer(subscriber, s.positions(), maxHeld);
        List<RecoveryBuffer> grown = new ArrayList<>(s.recovering);
        grown.add(buffer[0]);
        s.recovering = grown;
      }
      return s;
    });
    subscriptions.incrementAndGet();
    return buffer[0];
  }

  /**
   * Under the channel's lock, lets {@code decide} look at the held messages and enqueue the reply and
   * the replay; on {@link RecoveryStep#LIVE} the subscriber then gets every later message directly.
   */
  public RecoveryStep finishRecovery(String channel, RecoveryBuffer buffer, Function<RecoveryBuffer, RecoveryStep> decide) {
    RecoveryStep[] step = {RecoveryStep.GONE};
    channels.computeIfPresent(channel, (name, s) -> {
      synchronized (s) {
        if (!s.recovering.contains(buffer)) {
          return s;
        }
        step[0] = decide.apply(buffer);
        if (step[0] == RecoveryStep.LIVE) {
          List<RecoveryBuffer> shrunk = new ArrayList<>(s.recovering);
          shrunk.remove(buffer);
          s.recovering = shrunk;
          Subscriber[] grown = Arrays.copyOf(s.subscribers, s.subscribers.length + 1);
          Map<String, StreamPosition> floors = buffer.deliveredUpTo();
          grown[grown.length - 1] = floors.isEmpty() ? buffer.subscriber() : new FloorSubscriber(buffer.subscriber(), floors);
          s.subscribers = grown;
        }
      }
      return s;
    });
    return step[0];
  }

  /** Removes {@code subscriber} (live or recovering); returns false if it was not subscribed. */
  public boolean unsubscribe(String channel, Subscriber subscriber) {
    boolean[] removed = {false};
    channels.computeIfPresent(channel, (name, s) -> {
      synchronized (s) {
        for (RecoveryBuffer b : s.recovering) {
          if (b.subscriber() == subscriber) {
            List<RecoveryBuffer> shrunk = new ArrayList<>(s.recovering);
            shrunk.remove(b);
            s.recovering = shrunk;
            removed[0] = true;
            return s.subscribers.length == 0 && shrunk.isEmpty() ? retire(name, s) : s;
          }
        }
        int i = indexOf(s.subscribers, subscriber);
        if (i < 0) {
          return s;
        }
        removed[0] = true;
        Subscriber[] shrunk = new Subscriber[s.subscribers.length - 1];
        System.arraycopy(s.subscribers, 0, shrunk, 0, i);
        System.arraycopy(s.subscribers, i + 1, shrunk, i, shrunk.length - i);
        s.subscribers = shrunk;
        return shrunk.length == 0 && s.recovering.isEmpty() ? retire(name, s) : s;
      }
    });
    if (removed[0]) {
      subscriptions.decrementAndGet();
    }
    return removed[0];
  }

  /**
   * Delivers one message of {@code origin}'s stream, published at {@code publishTs} (epoch millis),
   * to every local subscriber of {@code channel}. The frame is built only if somebody is subscribed,
   * and only once. Returns the number of subscribers it was enqueued for, or {@link #DUPLICATE} when
   * the position is not past the last one delivered in the same origin and epoch (a replayed or
   * re-mirrored copy).
   */
  public int dispatch(String channel, String origin, StreamPosition position, Supplier<byte[]> frame, long publishTs) {
    while (true) {
      ChannelState s = channels.get(channel);
      if (s == null) {
        synchronized (recent) {
          if (channels.get(channel) == null) { // still nobody local: just remember where it is
            Positions known = recent.get(channel);
            if (known != null && isDuplicate(known.of(origin), position)) {
              return DUPLICATE;
            }
            recent.put(channel, known == null ? Positions.single(origin, position) : known.with(origin, position));
            return 0;
          }
        }
        continue;
      }
      synchronized (s) {
        if (channels.get(channel) != s) {
          continue; // the last subscriber left meanwhile and the state was retired: look again
        }
        if (isDuplicate(s.last.get(origin), position)) {
          return DUPLICATE;
        }
        s.last.put(origin, position);
        s.lastOrigin = origin;
        if (s.subscribers.length == 0 && s.recovering.isEmpty()) {
          return 0;
        }
        byte[] encoded = frame.get();
        for (RecoveryBuffer b : s.recovering) {
          b.hold(origin, position, encoded);
        }
        for (Subscriber subscriber : s.subscribers) {
          subscriber.deliver(origin, position, encoded, publishTs);
        }
        return s.subscribers.length;
      }
    }
  }

  private static boolean isDuplicate(StreamPosition last, StreamPosition position) {
    return last != null && last.epoch().equals(position.epoch()) && position.seq() <= last.seq();
  }

  /** The positions this frontend last saw on {@code channel} (with or without local subscribers). */
  public Positions positions(String channel) {
    ChannelState s = channels.get(channel);
    if (s != null) {
      synchronized (s) {
        return s.positions();
      }
    }
    synchronized (recent) {
      Positions p = recent.get(channel);
      return p == null ? Positions.NONE : p;
    }
  }

  /** A state for a channel getting its first local subscriber, starting from its recent positions. */
  private ChannelState newState(String channel) {
    ChannelState s = new ChannelState();
    synchronized (recent) {
      Positions p = recent.remove(channel);
      if (p != null) {
        s.restore(p);
      }
    }
    return s;
  }

  /** Removes a channel's state (returns null for compute) and keeps its positions as recent. */
  private ChannelState retire(String channel, ChannelState s) {
    if (!s.last.isEmpty()) {
      synchronized (recent) {
        recent.put(channel, s.positions());
      }
    }
    return null;
  }

  public int channelCount() {
    return channels.size();
  }

  public int subscriptionCount() {
    return subscriptions.get();
  }

  private static int indexOf(Subscriber[] subscribers, Subscriber wanted) {
    for (int i = 0; i < subscribers.length; i++) {
      if (subscribers[i].owner() == wanted) {
        return i;
      }
    }
    return -1;
  }
}

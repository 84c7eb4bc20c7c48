package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live messages held back for a subscriber while its missed messages are replayed, so the replay
 * and the live stream can be joined with no gap and no duplicate. Bounded: past {@code max} it
 * overflows and the recovery gives up (recovered=false), never growing memory.
 */
public final class RecoveryBuffer {
  /** A held-back live message of {@code origin}'s stream. */
  public record Held(String origin, StreamPosition position, byte[] frame) {}

  private final Subscriber subscriber;
  private final Positions liveAtStart;
  private final int max;
  private final List<Held> held = new ArrayList<>();
  private final Map<String, StreamPosition> lastLive = new HashMap<>();
  private final Map<String, StreamPosition> deliveredUpTo = new HashMap<>();
  private boolean overflowed;

  RecoveryBuffer(Subscriber subscriber, Positions liveAtStart, int max) {
    this.subscriber = subscriber;
    this.liveAtStart = liveAtStart;
    this.max = max;
  }

  public Subscriber subscriber() {
    return subscriber;
  }

  /** The channel's last delivered positions when the recovery began. */
  public Positions liveAtStart() {
    return liveAtStart;
  }

  void hold(String origin, StreamPosition position, byte[] frame) {
    lastLive.put(origin, position);
    if (held.size() >= max) {
      overflowed = true;
      held.clear();
      return;
    }
    if (!overflowed) {
      held.add(new Held(origin, position, frame));
    }
  }

  /** Messages held so far (call under the channel lock, via {@link ChannelTable#finishRecovery}). */
  public List<Held> held() {
    return held;
  }

  /** The newest live position of {@code origin} seen while recovering, held or not ({@code null} if none). */
  public StreamPosition lastLive(String origin) {
    return lastLive.get(origin);
  }

  /** The origins whose messages arrived while recovering. */
  public java.util.Set<String> liveOrigins() {
    return lastLive.keySet();
  }

  /** Records that the subscriber has been given everything of {@code origin} up to {@code position}. */
  public void deliveredUpTo(String origin, StreamPosition position) {
    deliveredUpTo.put(origin, position);
  }

  Map<String, StreamPosition> deliveredUpTo() {
    return deliveredUpTo;
  }

  public boolean overflowed() {
    return overflowed;
  }
}

package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Live messages held back for a subscriber while its missed messages are replayed, so the replay
 * and the live stream can be joined with no gap and no duplicate. Bounded: past {@code max} it
 * overflows and the recovery gives up (recovered=false), never growing memory.
 */
public final class RecoveryBuffer {
  /** A held-back live message. */
  public record Held(StreamPosition position, byte[] frame) {}

  private final Subscriber subscriber;
  private final StreamPosition liveAtStart;
  private final int max;
  private final List<Held> held = new ArrayList<>();
  private boolean overflowed;
  private StreamPosition last;
  private StreamPosition deliveredUpTo;

  RecoveryBuffer(Subscriber subscriber, StreamPosition liveAtStart, int max) {
    this.subscriber = subscriber;
    this.liveAtStart = liveAtStart;
    this.max = max;
  }

  public Subscriber subscriber() {
    return subscriber;
  }

  /** The channel's last delivered position when the recovery began ({@code null} if none). */
  public StreamPosition liveAtStart() {
    return liveAtStart;
  }

  void hold(StreamPosition position, byte[] frame) {
    last = position;
    if (held.size() >= max) {
      overflowed = true;
      held.clear();
      return;
    }
    if (!overflowed) {
      held.add(new Held(position, frame));
    }
  }

  /** Messages held so far (call under the channel lock, via {@link ChannelTable#finishRecovery}). */
  public List<Held> held() {
    return held;
  }

  /** The newest live position seen while recovering, held or not ({@code null} if none). */
  public StreamPosition lastLive() {
    return last;
  }

  /** Records that the subscriber has been given everything up to {@code position}. */
  public void deliveredUpTo(StreamPosition position) {
    deliveredUpTo = position;
  }

  StreamPosition deliveredUpTo() {
    return deliveredUpTo;
  }

  public boolean overflowed() {
    return overflowed;
  }
}

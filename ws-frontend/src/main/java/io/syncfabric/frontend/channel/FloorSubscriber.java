package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;

/**
 * A recovered subscriber whose replay went further than this frontend's live stream (the hot
 * history, written by another frontend, can be ahead of it): live messages up to {@code floor} are
 * ones it already got, and are skipped for it alone.
 */
final class FloorSubscriber implements Subscriber {
  private final Subscriber inner;
  private final StreamPosition floor;

  FloorSubscriber(Subscriber inner, StreamPosition floor) {
    this.inner = inner;
    this.floor = floor;
  }

  @Override
  public boolean deliver(byte[] frame) {
    return inner.deliver(frame);
  }

  @Override
  public boolean deliver(StreamPosition position, byte[] frame, long publishTs) {
    if (position.epoch().equals(floor.epoch()) && position.seq() <= floor.seq()) {
      return true;
    }
    return inner.deliver(position, frame, publishTs);
  }

  @Override
  public Subscriber owner() {
    return inner;
  }
}

package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.Map;

/**
 * A recovered subscriber whose replay went further than this frontend's live stream (the hot
 * history, written by another frontend, can be ahead of it): live messages up to its floor in each
 * origin's stream are ones it already got, and are skipped for it alone.
 */
final class FloorSubscriber implements Subscriber {
  private final Subscriber inner;
  private final Map<String, StreamPosition> floors;

  FloorSubscriber(Subscriber inner, Map<String, StreamPosition> floors) {
    this.inner = inner;
    this.floors = Map.copyOf(floors);
  }

  @Override
  public boolean deliver(byte[] frame) {
    return inner.deliver(frame);
  }

  @Override
  public boolean deliver(String origin, StreamPosition position, byte[] frame, long publishTs) {
    StreamPosition floor = floors.get(origin);
    if (floor != null && position.epoch().equals(floor.epoch()) && position.seq() <= floor.seq()) {
      return true;
    }
    return inner.deliver(origin, position, frame, publishTs);
  }

  @Override
  public Subscriber owner() {
    return inner;
  }
}

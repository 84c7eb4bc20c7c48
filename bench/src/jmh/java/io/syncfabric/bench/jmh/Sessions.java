package io.syncfabric.bench.jmh;

import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.session.OutboundQueue;
import io.syncfabric.schema.StreamPosition;

/** Local sessions as the fan-out sees them: a subscriber feeding a bounded outbound queue. */
final class Sessions {
  private Sessions() {}

  /** A session's queue with the product's default bounds (4,096 frames, 4 MiB), on a discarding socket. */
  static Subscriber discarding() {
    OutboundQueue queue = new OutboundQueue(new DiscardingTransport(), 4_096, 4L << 20);
    return new Subscriber() {
      @Override
      public boolean deliver(byte[] frame) {
        return queue.offer(frame);
      }

      @Override
      public boolean deliver(String origin, StreamPosition position, byte[] frame, long publishTs) {
        return queue.offer(frame, publishTs);
      }
    };
  }
}

package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;

/** Something that receives a channel's encoded frames: a client connection. */
public interface Subscriber {
  /** Enqueues a frame without blocking. Returns false when the subscriber overflowed and is being closed. */
  boolean deliver(byte[] frame);

  /**
   * A live message at {@code position} of {@code origin}'s stream, published at {@code publishTs}
   * (epoch millis, 0 when unknown: used for the fan-out latency); subscribers that skip some
   * positions override this.
   */
  default boolean deliver(String origin, StreamPosition position, byte[] frame, long publishTs) {
    return deliver(frame);
  }

  /** The subscriber this one stands for (itself, or the one a wrapper wraps). */
  default Subscriber owner() {
    return this;
  }
}

package io.syncfabric.frontend.channel;

/** Something that receives a channel's encoded frames: a client connection. */
public interface Subscriber {
  /** Enqueues a frame without blocking. Returns false when the subscriber overflowed and is being closed. */
  boolean deliver(byte[] frame);
}

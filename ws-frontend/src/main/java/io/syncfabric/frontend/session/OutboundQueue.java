package io.syncfabric.frontend.session;

import java.util.ArrayDeque;

/**
 * A connection's bounded queue of encoded frames. Producers (the Kafka dispatch thread, request
 * handlers) only enqueue; one writer at a time drains batches on the connection's I/O thread. When
 * a client reads too slowly and the queue passes its frame or byte bound, the queue is dropped and
 * the caller closes the connection: memory stays bounded and nobody else waits.
 */
public final class OutboundQueue {
  static final int BATCH = 64;

  private final FrameTransport transport;
  private final int maxFrames;
  private final long maxBytes;
  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
  private long bytes;
  private boolean writing;
  private boolean closed;
  private int closeCode;
  private String closeReason;

  public OutboundQueue(FrameTransport transport, int maxFrames, long maxBytes) {
    this.transport = transport;
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
  }

  /**
   * Enqueues a frame. Returns {@code false} when the bound is passed: the queue is then dropped and
   * closed, and the caller must close the connection as a slow consumer.
   */
  public boolean offer(byte[] frame) {
    synchronized (this) {
      if (closed || closeCode != 0) {
        return true; // already on its way out; nothing more is sent
      }
      if (frames.size() >= maxFrames || bytes + frame.length > maxBytes) {
        closed = true;
        frames.clear();
        bytes = 0;
        return false;
      }
      frames.addLast(frame);
      bytes += frame.length;
      if (writing) {
        return true;
      }
      writing = true;
    }
    transport.execute(this::drain);
    return true;
  }

  /** Sends what is queued, then closes with {@code code}. */
  public void closeAfterFlush(int code, String reason) {
    synchronized (this) {
      if (closed || closeCode != 0) {
        return;
      }
      closeCode = code;
      closeReason = reason;
      if (writing) {
        return;
      }
      writing = true;
    }
    transport.execute(this::drain);
  }

  /** Drops everything queued; later offers are ignored. */
  public synchronized void discard() {
    closed = true;
    frames.clear();
    bytes = 0;
  }

  public synchronized int depth() {
    return frames.size();
  }

  public synchronized long queuedBytes() {
    return bytes;
  }

  private void drain() {
    byte[][] out = null;
    int n = 0;
    int code = 0;
    String reason = null;
    synchronized (this) {
      if (closed) {
        writing = false;
        return;
      }
      if (!frames.isEmpty()) {
        out = new byte[Math.min(BATCH, frames.size())][];
        while (n < out.length) {
          byte[] f = frames.pollFirst();
          bytes -= f.length;
          out[n++] = f;
        }
      }
      if (n == 0) {
        writing = false;
        if (closeCode != 0) {
          closed = true;
          code = closeCode;
          reason = closeReason;
        }
      }
    }
    if (n > 0) {
      // Continue on a fresh I/O task, so a fast socket never recurses through write callbacks.
      transport.write(out, n, () -> transport.execute(this::drain));
    } else if (code != 0) {
      transport.close(code, reason);
    }
  }
}

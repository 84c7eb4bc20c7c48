package io.syncfabric.frontend.session;


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
  private final java.util.function.LongConsumer writtenLatencyMs;
  /** Queued frames and, per frame, when its message was published (0: not a live message). */
  private byte[][] ring = new byte[16][];
  private long[] stamps = new long[16];
  private int head;
  private int size;
  private long bytes;
  private boolean writing;
  private boolean closed;
  private int closeCode;
  private String closeReason;

  public OutboundQueue(FrameTransport transport, int maxFrames, long maxBytes) {
    this(transport, maxFrames, maxBytes, ms -> { });
  }

  /** @param writtenLatencyMs told, for each live message frame handed to the socket, how old it is */
  public OutboundQueue(FrameTransport transport, int maxFrames, long maxBytes, java.util.function.LongConsumer writtenLatencyMs) {
    this.transport = transport;
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
    this.writtenLatencyMs = writtenLatencyMs;
  }

  /**
   * Enqueues a frame. Returns {@code false} when the bound is passed: the queue is then dropped and
   * closed, and the caller must close the connection as a slow consumer.
   */
  public boolean offer(byte[] frame) {
    return offer(frame, 0);
  }

  /** As {@link #offer(byte[])}, for a live message published at {@code publishTs} (epoch millis). */
  public boolean offer(byte[] frame, long publishTs) {
    synchronized (this) {
      if (closed || closeCode != 0) {
        return true; // already on its way out; nothing more is sent
      }
      if (size >= maxFrames || bytes + frame.length > maxBytes) {
        closed = true;
        clear();
        return false;
      }
      push(frame, publishTs);
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
    clear();
  }

  public synchronized int depth() {
    return size;
  }

  public synchronized long queuedBytes() {
    return bytes;
  }

  private void drain() {
    byte[][] out = null;
    long[] published = null;
    int n = 0;
    int code = 0;
    String reason = null;
    synchronized (this) {
      if (closed) {
        writing = false;
        return;
      }
      if (size > 0) {
        out = new byte[Math.min(BATCH, size)][];
        published = new long[out.length];
        while (n < out.length) {
          published[n] = stamps[head];
          byte[] f = ring[head];
          ring[head] = null;
          head = (head + 1) & (ring.length - 1);
          size--;
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
      long[] stampsOfBatch = published;
      int count = n;
      transport.write(out, n, () -> {
        written(stampsOfBatch, count);
        if (!stopIfIdle()) {
          transport.execute(this::drain);
        }
      });
    } else if (code != 0) {
      transport.close(code, reason);
    }
  }

  /**
   * After a write: when nothing waits (the usual case for a connection getting a message now and
   * then), the writer stops here instead of costing the I/O thread one more task to find that out.
   */
  private synchronized boolean stopIfIdle() {
    if (closed || size == 0 && closeCode == 0) {
      writing = false;
      return true;
    }
    return false;
  }

  private void written(long[] published, int n) {
    long now = System.currentTimeMillis();
    for (int i = 0; i < n; i++) {
      if (published[i] > 0) {
        writtenLatencyMs.accept(Math.max(0, now - published[i]));
      }
    }
  }

  private void push(byte[] frame, long publishTs) {
    if (size == ring.length) { // grow (a power of two); the frame bound keeps it finite
      byte[][] bigger = new byte[ring.length * 2][];
      long[] biggerStamps = new long[ring.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) & (ring.length - 1)];
        biggerStamps[i] = stamps[(head + i) & (ring.length - 1)];
      }
      ring = bigger;
      stamps = biggerStamps;
      head = 0;
    }
    int tail = (head + size) & (ring.length - 1);
    ring[tail] = frame;
    stamps[tail] = publishTs;
    size++;
  }

  private void clear() {
    java.util.Arrays.fill(ring, null);
    head = 0;
    size = 0;
    bytes = 0;
  }
}

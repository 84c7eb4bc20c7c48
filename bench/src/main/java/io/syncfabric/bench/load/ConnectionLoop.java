package io.syncfabric.bench.load;

import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bench.ws.ClientFrames;
import io.syncfabric.bench.ws.ServerFrameParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread driving many {@link LoadConnection}s: TCP connect from the connection's
 * source address, the HTTP upgrade, then reading frames in place from one shared direct buffer.
 * Thousands of connections cost a socket and a few small objects each, and one thread.
 */
final class ConnectionLoop implements Runnable {
  /** Largest response head or partial frame carried between reads. */
  private static final int BUFFER = 1 << 20;
  private static final int MAX_RESPONSE_HEAD = 16 * 1024;
  private static final byte[] SWITCHING = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

  private final Selector selector;
  private final LoadStats stats;
  private final Queue<LoadConnection> toOpen = new ConcurrentLinkedQueue<>();
  private final List<LoadConnection> all = new ArrayList<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
  private volatile boolean running = true;

  ConnectionLoop(LoadStats stats) throws IOException {
    this.selector = Selector.open();
    this.stats = stats;
  }

  /** Hands a connection to this loop; it is opened on the loop's thread. */
  void open(LoadConnection c) {
    toOpen.add(c);
    selector.wakeup();
  }

  /** Stops the loop; it closes every socket it owns before it ends. */
  void stop() {
    running = false;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (running) {
        selector.select(100);
        for (LoadConnection c; (c = toOpen.poll()) != null; ) {
          connect(c);
        }
        var keys = selector.selectedKeys();
        for (SelectionKey key : keys) {
          LoadConnection c = (LoadConnection) key.attachment();
          try {
            if (key.isValid() && key.isConnectable()) {
              finishConnect(c);
            }
            if (key.isValid() && key.isWritable()) {
              flush(c);
            }
            if (key.isValid() && key.isReadable()) {
              read(c);
            }
          } catch (IOException | RuntimeException e) {
            fail(c, c.state == LoadConnection.State.OPEN ? "connection-lost" : "connect-failed");
          }
        }
        keys.clear();
      }
    } catch (IOException e) {
      stats.error("selector-failed");
    } finally {
      for (LoadConnection c : all) {
        close(c);
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void connect(LoadConnection c) {
    all.add(c);
    try {
      SocketChannel s = SocketChannel.open();
      c.socket = s;
      s.configureBlocking(false);
      s.setOption(StandardSocketOptions.TCP_NODELAY, true);
      s.bind(new InetSocketAddress(c.source, 0));
      c.openedNanos = System.nanoTime();
      boolean now = s.connect(c.target.address());
      c.key = s.register(selector, now ? 0 : SelectionKey.OP_CONNECT, c);
      if (now) {
        startUpgrade(c);
      }
    } catch (IOException | RuntimeException e) {
      fail(c, "connect-failed");
    }
  }

  private void finishConnect(LoadConnection c) throws IOException {
    if (c.socket.finishConnect()) {
      startUpgrade(c);
    }
  }

  private void startUpgrade(LoadConnection c) throws IOException {
    c.state = LoadConnection.State.UPGRADING;
    c.key.interestOps(SelectionKey.OP_READ);
    send(c, ByteBuffer.wrap(ClientFrames.upgradeRequest(c.target.hostHeader(), c.target.path())));
  }

  private void read(LoadConnection c) throws IOException {
    for (int round = 0; round < 4 && c.state != LoadConnection.State.CLOSED; round++) {
      buffer.clear();
      if (c.leftover != null) {
        buffer.put(c.leftover);
        c.leftover = null;
      }
      int n = c.socket.read(buffer);
      if (n < 0) {
        if (c.state != LoadConnection.State.CLOSED) {
          fail(c, c.state == LoadConnection.State.OPEN ? "closed-without-frame" : "upgrade-refused");
        }
        return;
      }
      buffer.flip();
      if (c.state == LoadConnection.State.UPGRADING && !upgraded(c)) {
        keepRest(c);
        return;
      }
      c.nowMs = System.currentTimeMillis();
      ServerFrameParser.parse(buffer, c);
      keepRest(c);
      if (c.reply != null) {
        ByteBuffer r = c.reply;
        c.reply = null;
        send(c, r);
      }
      if (c.state == LoadConnection.State.CLOSED) {
        close(c);
        return;
      }
      if (n == 0 || buffer.limit() < buffer.capacity()) {
        return; // the socket had no more for now
      }
    }
  }

  /** Consumes the upgrade response head if complete; then sends the greeting. */
  private boolean upgraded(LoadConnection c) throws IOException {
    int end = headEnd(buffer);
    if (end < 0) {
      if (buffer.remaining() > MAX_RESPONSE_HEAD) {
        throw new IOException("no response head");
      }
      return false;
    }
    for (int i = 0; i < SWITCHING.length; i++) {
      if (buffer.get(i) != SWITCHING[i]) {
        fail(c, "upgrade-refused");
        return false;
      }
    }
    buffer.position(end);
    c.state = LoadConnection.State.OPEN;
    send(c, ByteBuffer.wrap(c.greeting));
    return true;
  }

  private static int headEnd(ByteBuffer b) {
    for (int i = b.position(); i + 3 < b.limit(); i++) {
      if (b.get(i) == '\r' && b.get(i + 1) == '\n' && b.get(i + 2) == '\r' && b.get(i + 3) == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  private void keepRest(LoadConnection c) {
    if (buffer.hasRemaining() && c.state != LoadConnection.State.CLOSED) {
      byte[] rest = new byte[buffer.remaining()];
      buffer.get(rest);
      c.leftover = rest;
    }
  }

  private void send(LoadConnection c, ByteBuffer bytes) throws IOException {
    if (c.pendingWrite != null) {
      ByteBuffer joined = ByteBuffer.allocate(c.pendingWrite.remaining() + bytes.remaining());
      joined.put(c.pendingWrite).put(bytes).flip();
      c.pendingWrite = joined;
    } else {
      c.socket.write(bytes);
      if (bytes.hasRemaining()) {
        c.pendingWrite = bytes;
      }
    }
    if (c.pendingWrite != null) {
      c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
    }
  }

  private void flush(LoadConnection c) throws IOException {
    if (c.pendingWrite == null) {
      c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
      return;
    }
    c.socket.write(c.pendingWrite);
    if (!c.pendingWrite.hasRemaining()) {
      c.pendingWrite = null;
      c.key.interestOps(c.key.interestOps() & ~SelectionKey.OP_WRITE);
    }
  }

  private void fail(LoadConnection c, String kind) {
    if (c.state != LoadConnection.State.CLOSED) {
      stats.error(kind);
    }
    close(c);
  }

  private void close(LoadConnection c) {
    c.state = LoadConnection.State.CLOSED;
    c.settle();
    c.leftover = null;
    try {
      if (c.socket != null) {
        c.socket.close(); // deregisters its key at the next select
      }
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}

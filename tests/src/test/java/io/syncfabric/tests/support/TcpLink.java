package io.syncfabric.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback standing for the network between two clouds: bytes flow both ways until
 * {@link #cut()}, which drops every connection and refuses new ones (closes them at once) until
 * {@link #restore()}. A broker advertising the relay's port for its remote listener makes every
 * byte another cloud exchanges with it go through here. With a delay, every chunk reaches the other
 * side that much later in each direction: a far-away frontend on loopback (round trip + 2 x delay).
 */
public final class TcpLink implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  private volatile boolean closed;
  private final long delayMs;

  public TcpLink(int targetPort) throws IOException {
    this(targetPort, 0);
  }

  /** A relay that holds every chunk {@code delayMs} before passing it on, each way. */
  public TcpLink(int targetPort, long delayMs) throws IOException {
    this.targetPort = targetPort;
    this.delayMs = delayMs;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread accept = new Thread(this::acceptLoop, "tcp-link-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void cut() {
    cut = true;
    open.forEach(TcpLink::closeQuietly);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(target);
        pump(client, target);
        pump(target, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    // chunks in flight, each with the time it may leave (a queue, so a delay never slows throughput)
    BlockingQueue<Chunk> delayed = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      // no try-with-resources on the streams: closing one closes its socket, and with a delay the
      // writer must still send what is queued (a close frame, say) before the sockets go
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (delayMs == 0) {
            out.write(buffer, 0, n);
          } else {
            delayed.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayMs * 1_000_000));
          }
        }
      } catch (IOException e) {
        // one side closed or the link was cut
      } finally {
        delayed.add(Chunk.END);
        if (delayMs == 0) {
          close(from, to);
        }
      }
    }, "tcp-link-pump");
    t.setDaemon(true);
    t.start();
    if (delayMs > 0) {
      Thread w = new Thread(() -> {
        try {
          OutputStream out = to.getOutputStream();
          for (Chunk c = delayed.take(); c != Chunk.END; c = delayed.take()) {
            long wait = c.dueNanos() - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            out.write(c.bytes());
          }
        } catch (IOException | InterruptedException e) {
          // one side closed or the link was cut
        } finally {
          close(from, to);
        }
      }, "tcp-link-delay");
      w.setDaemon(true);
      w.start();
    }
  }

  private record Chunk(byte[] bytes, long dueNanos) {
    static final Chunk END = new Chunk(new byte[0], 0);
  }

  private void close(Socket from, Socket to) {
    closeQuietly(from);
    closeQuietly(to);
    open.remove(from);
    open.remove(to);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    cut();
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}

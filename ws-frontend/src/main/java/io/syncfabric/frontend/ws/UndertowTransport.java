package io.syncfabric.frontend.ws;

import io.syncfabric.frontend.session.FrameTransport;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;

/** {@link FrameTransport} over an Undertow WebSocket channel; all work runs on its XNIO I/O thread. */
final class UndertowTransport implements FrameTransport {
  /** How long a close frame may take before the TCP connection is dropped (a stuck client may never read it). */
  static final long CLOSE_GRACE_MS = 1_000;

  private final WebSocketChannel channel;

  UndertowTransport(WebSocketChannel channel) {
    this.channel = channel;
  }

  @Override
  public void execute(Runnable task) {
    channel.getIoThread().execute(task);
  }

  @Override
  public void schedule(Runnable task, long delayMs) {
    channel.getIoThread().executeAfter(task, delayMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void write(byte[][] frames, int count, Runnable onDone) {
    AtomicInteger remaining = new AtomicInteger(count);
    WebSocketCallback<Void> callback = new WebSocketCallback<>() {
      @Override
      public void complete(WebSocketChannel ch, Void context) {
        if (remaining.decrementAndGet() == 0) {
          onDone.run();
        }
      }

      @Override
      public void onError(WebSocketChannel ch, Void context, Throwable error) {
        IoUtils.safeClose(ch);
      }
    };
    for (int i = 0; i < count; i++) {
      // The frame bytes are shared by every subscriber: each send gets its own read-only view.
      WebSockets.sendText(ByteBuffer.wrap(frames[i]).asReadOnlyBuffer(), channel, callback);
    }
  }

  @Override
  public void ping() {
    execute(() -> {
      if (channel.isOpen() && !channel.isCloseFrameSent()) {
        WebSockets.sendPing(ByteBuffer.allocate(0), channel, null);
      }
    });
  }

  @Override
  public void abort() {
    IoUtils.safeClose(channel);
  }

  @Override
  public void close(int code, String reason) {
    execute(() -> {
      if (channel.isOpen() && !channel.isCloseFrameSent()) {
        WebSockets.sendClose(code, reason, channel, null);
      }
      schedule(() -> IoUtils.safeClose(channel), CLOSE_GRACE_MS);
    });
  }
}

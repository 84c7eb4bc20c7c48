package io.syncfabric.bench.load;

import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bench.measure.MessageFields;
import io.syncfabric.bench.ws.ClientFrames;
import io.syncfabric.bench.ws.ServerFrameParser;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One load connection's state and its reaction to server frames: counts {@code connected},
 * {@code subscribed} and {@code message} frames, checks each subscription's seqs for gaps,
 * records publish→client latency from the frame's {@code ts}, answers pings, and counts error
 * frames and closes by code. Runs only on its {@link ConnectionLoop}'s thread.
 */
final class LoadConnection implements ServerFrameParser.Sink {
  private static final byte[] MESSAGE = MessageFields.bytes("message");
  private static final byte[] CONNECTED = MessageFields.bytes("connected");
  private static final byte[] SUBSCRIBED = MessageFields.bytes("subscribed");
  private static final byte[] ERROR = MessageFields.bytes("error");
  private static final byte[] RECONNECT = MessageFields.bytes("reconnect");
  private static final byte[] CODE = MessageFields.bytes("\"code\":");

  enum State { CONNECTING, UPGRADING, OPEN, CLOSED }

  final Target target;
  final InetAddress source;
  /** {@code connect} then one {@code subscribe} per channel, sent together right after the upgrade. */
  final byte[] greeting;
  private final byte[][] channels;
  private final long[] lastSeq;
  private final LoadStats stats;
  private final Runnable onSettled;

  State state = State.CONNECTING;
  SocketChannel socket;
  SelectionKey key;
  /** Bytes of an incomplete frame (or response head) left from the previous read. */
  byte[] leftover;
  /** Bytes the socket did not take yet. */
  ByteBuffer pendingWrite;
  long openedNanos;
  /** Set by the loop before each parse: one clock read per read, not per frame. */
  long nowMs;
  private boolean settled;

  LoadConnection(Target target, InetAddress source, byte[] greeting, byte[][] channels, LoadStats stats, Runnable onSettled) {
    this.target = target;
    this.source = source;
    this.greeting = greeting;
    this.channels = channels;
    this.lastSeq = new long[channels.length];
    this.stats = stats;
    this.onSettled = onSettled;
  }

  /** Reports, once, that this connection is no longer opening (connected or failed). */
  void settle() {
    if (!settled) {
      settled = true;
      onSettled.run();
    }
  }

  /** Frames the connection must send now (a pong), queued by the loop. */
  ByteBuffer reply;

  @Override
  public void frame(int opcode, ByteBuffer b, int offset, int length) {
    switch (opcode) {
      case ClientFrames.OP_TEXT -> text(b, offset, length);
      case ClientFrames.OP_PING -> {
        byte[] payload = new byte[length];
        b.get(offset, payload);
        reply = ByteBuffer.wrap(ClientFrames.frame(ClientFrames.OP_PONG, payload));
      }
      case ClientFrames.OP_CLOSE -> {
        int code = length >= 2 ? ((b.get(offset) & 0xFF) << 8) | (b.get(offset + 1) & 0xFF) : 1005;
        stats.error("closed-" + code);
        state = State.CLOSED;
      }
      default -> { } // pong, binary, continuation: nothing the harness measures
    }
  }

  private void text(ByteBuffer b, int offset, int length) {
    if (MessageFields.hasOp(b, offset, length, MESSAGE)) {
      message(b, offset, length);
    } else if (MessageFields.hasOp(b, offset, length, SUBSCRIBED)) {
      stats.countSubscribed();
      // the reply's position is where this subscription's messages continue: a gap right after it counts
      int i = subscriptionOf(b, offset, length);
      long seq = MessageFields.seq(b, offset, length);
      if (i >= 0 && seq > 0) {
        lastSeq[i] = seq;
      }
    } else if (MessageFields.hasOp(b, offset, length, CONNECTED)) {
      stats.countConnected(System.nanoTime());
      settle();
    } else if (MessageFields.hasOp(b, offset, length, ERROR)) {
      stats.error("error-" + MessageFields.numberAfter(b, offset, length, CODE));
    } else if (MessageFields.hasOp(b, offset, length, RECONNECT)) {
      stats.error("reconnect-hint");
    }
  }

  private void message(ByteBuffer b, int offset, int length) {
    long ts = MessageFields.ts(b, offset, length);
    long seq = MessageFields.seq(b, offset, length);
    if (ts < 0 || seq < 0) {
      stats.error("bad-message-frame");
      return;
    }
    stats.delivered(ts, nowMs);
    int i = subscriptionOf(b, offset, length);
    if (i < 0) {
      stats.error("message-for-unknown-channel");
      return;
    }
    long last = lastSeq[i];
    if (last > 0 && seq > last + 1) {
      stats.gap(seq - last - 1);
    } else if (last > 0 && seq <= last) {
      stats.outOfOrder();
    }
    lastSeq[i] = Math.max(seq, last);
  }

  private int subscriptionOf(ByteBuffer b, int offset, int length) {
    if (channels.length == 1) {
      return 0;
    }
    int start = MessageFields.channelStart(b, offset, length);
    if (start < 0) {
      return -1;
    }
    for (int i = 0; i < channels.length; i++) {
      if (MessageFields.channelIs(b, start, offset + length, channels[i])) {
        return i;
      }
    }
    return -1;
  }
}

package io.syncfabric.frontend.ws;

import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.session.ClientSession;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameCorruptedException;
import java.io.IOException;

/** Hands complete text frames to the session; refuses binary frames and frames over the size limit. */
final class FrameListener extends AbstractReceiveListener {
  /** Binary frames are refused anyway; read at most this much of one before answering. */
  private static final long MAX_BINARY_BYTES = 1024;

  private final ClientSession session;
  private final long maxFrameBytes;

  FrameListener(ClientSession session, long maxFrameBytes) {
    this.session = session;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected long getMaxTextBufferSize() {
    return maxFrameBytes;
  }

  @Override
  protected long getMaxBinaryBufferSize() {
    return MAX_BINARY_BYTES;
  }

  @Override
  protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
    session.onText(message.getData());
  }

  @Override
  protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
    message.getData().free();
    session.onPong();
  }

  @Override
  protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage message) throws IOException {
    session.onPing(); // a ping flood is a flood: rate-limited like text frames
    super.onFullPingMessage(channel, message); // answers with the pong and frees the buffer
  }

  @Override
  protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
    message.getData().free();
    session.onBinary();
  }

  @Override
  protected void onError(WebSocketChannel channel, Throwable error) {
    // Undertow has already answered with the close code; count the refusal before the channel goes.
    ErrorCode refused = refusal(error);
    if (refused != null) {
      session.onFrameRefused(refused);
    }
    super.onError(channel, error);
  }

  /** What Undertow's error says the client did wrong, or null (a plain I/O failure, a hang-up). */
  static ErrorCode refusal(Throwable error) {
    String message = String.valueOf(error.getMessage());
    for (Throwable t = error; t != null; t = t.getCause()) { // Undertow wraps it in an IOException
      if (t instanceof WebSocketFrameCorruptedException) {
        return ErrorCode.PROTOCOL_ERROR;
      }
    }
    // Undertow's messages are the only signal it gives for these two: UT002040 (too large), UT002003 (UTF-8)
    if (error instanceof IOException && (message.contains("UT002040") || message.contains("max message size"))) {
      return ErrorCode.FRAME_TOO_LARGE;
    }
    if (error instanceof IOException && message.contains("UT002003")) {
      return ErrorCode.INVALID_UTF8;
    }
    return null;
  }
}

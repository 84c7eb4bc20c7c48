package io.syncfabric.frontend.ws;

import io.syncfabric.frontend.session.ClientSession;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
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
  protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
    message.getData().free();
    session.onBinary();
  }

  @Override
  protected void onError(WebSocketChannel channel, Throwable error) {
    // Undertow has already sent 1009 for an oversized frame; count it before the channel goes.
    // UT002040 "Message exceeded max message size": the only signal Undertow gives for it.
    String message = String.valueOf(error.getMessage());
    if (error instanceof IOException && (message.contains("UT002040") || message.contains("max message size"))) {
      session.onFrameTooLarge();
    }
    super.onError(channel, error);
  }
}

package io.syncfabric.frontend.ws;

import io.syncfabric.frontend.session.ClientSession;
import io.syncfabric.frontend.session.SessionContext;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts WebSocket connections on {@code /v1/ws}: one {@link ClientSession} per connection. */
public final class WebSocketEndpoint implements WebSocketConnectionCallback {
  private final SessionContext context;
  private final long maxFrameBytes;
  private final int maxPerAddress;
  /** Open connections per source address, for ws.max.connections.per.address. */
  private final java.util.Map<java.net.InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean accepting = true;

  public WebSocketEndpoint(SessionContext context, long maxFrameBytes, int maxPerAddress) {
    this.context = context;
    this.maxFrameBytes = maxFrameBytes;
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    ClientSession session = new ClientSession(context, new UndertowTransport(channel));
    if (!accepting) {
      refuse(session, io.syncfabric.frontend.protocol.ErrorCode.SHUTTING_DOWN, "frontend is stopping");
      return;
    }
    java.net.InetAddress address = channel.getSourceAddress().getAddress();
    if (!admitFrom(address)) {
      context.metrics().error(io.syncfabric.frontend.protocol.ErrorCode.TOO_MANY_FROM_ADDRESS);
      refuse(session, io.syncfabric.frontend.protocol.ErrorCode.TOO_MANY_FROM_ADDRESS,
          "at most " + maxPerAddress + " connections from one address");
      return;
    }
    sessions.add(session);
    channel.addCloseTask(ch -> {
      sessions.remove(session);
      releaseFrom(address);
      session.onClosed();
    });
    channel.getReceiveSetter().set(new FrameListener(session, maxFrameBytes));
    session.start();
    channel.resumeReceives();
  }

  /** Counts a connection from {@code address} unless it already holds the limit; no limit, no entry. */
  private boolean admitFrom(java.net.InetAddress address) {
    if (maxPerAddress <= 0) {
      return true;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (a, held) -> {
      int n = held == null ? 0 : held;
      if (n >= maxPerAddress) {
        return held;
      }
      admitted[0] = true;
      return n + 1;
    });
    return admitted[0];
  }

  private void releaseFrom(java.net.InetAddress address) {
    if (maxPerAddress > 0) {
      perAddress.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
    }
  }

  /** A connection turned away at once: it opened at the WebSocket level, so it is counted opened and closed. */
  private void refuse(ClientSession session, io.syncfabric.frontend.protocol.ErrorCode code, String reason) {
    context.metrics().connectionOpened();
    context.metrics().connectionClosed(code.tag());
    session.closeGracefully(code, reason);
  }

  public int openConnections() {
    return sessions.size();
  }

  /** New connections are refused from now on (told to go elsewhere); open ones stay. */
  public void stopAccepting() {
    accepting = false;
  }

  /** The open sessions, at this moment. */
  public java.util.List<ClientSession> sessions() {
    return java.util.List.copyOf(sessions);
  }

  /** Stops accepting and drops every connection without a close frame, as a crash would. */
  public void abortAll() {
    accepting = false;
    sessions.forEach(ClientSession::abort);
  }

  /** Stops accepting and asks every client to go elsewhere after its queued frames. */
  public void closeAll(io.syncfabric.frontend.protocol.ErrorCode code, String reason) {
    accepting = false;
    sessions.forEach(s -> s.closeGracefully(code, reason));
  }
}

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
  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean accepting = true;

  public WebSocketEndpoint(SessionContext context, long maxFrameBytes) {
    this.context = context;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    ClientSession session = new ClientSession(context, new UndertowTransport(channel));
    if (!accepting) {
      session.closeGracefully(io.syncfabric.frontend.protocol.ErrorCode.SHUTTING_DOWN, "frontend is stopping");
      return;
    }
    sessions.add(session);
    channel.addCloseTask(ch -> {
      sessions.remove(session);
      session.onClosed();
    });
    channel.getReceiveSetter().set(new FrameListener(session, maxFrameBytes));
    session.start();
    channel.resumeReceives();
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

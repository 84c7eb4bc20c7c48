package io.syncfabric.frontend.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.auth.TokenRejectedException;
import io.syncfabric.frontend.presence.Presence;
import io.syncfabric.frontend.protocol.ClientRequest;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;
import io.syncfabric.frontend.protocol.ServerFrames;
import io.syncfabric.schema.StreamPosition;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection's protocol state: waits for {@code connect}, then serves subscribe,
 * unsubscribe, publish, presence, history and ping. Requests arrive on the connection's I/O thread; messages arrive
 * from the dispatch thread and only touch the outbound queue.
 */
public final class ClientSession implements Presence.Watcher {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Frames that arrive while connect waits for the pool-wide user count; kept in order, bounded. */
  private static final int MAX_EARLY_FRAMES = 64;

  private final String id;
  private final SessionContext ctx;
  private final FrameTransport transport;
  private final OutboundQueue queue;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final SessionPresence presence;
  private ArrayDeque<String> earlyFrames;
  private final TokenLifetime token;
  private volatile boolean counted;
  /** A close is under way (an error that closes was sent): timers must not add another reason. */
  private volatile boolean closing;
  private final SessionLiveness liveness;
  private final ReadRequests.Replies replies = ReadRequests.Replies.of(this::reply, this::fail);
  private final SessionStatsFeed statsFeed;
  private volatile String closeReason = "client";
  private volatile boolean ended;

  public ClientSession(SessionContext ctx, FrameTransport transport) {
    this.ctx = ctx;
    this.id = newId(ctx.nodeId());
    this.presence = new SessionPresence(ctx.presence(), this, ctx.nodeId());
    this.statsFeed = new SessionStatsFeed(ctx.stats(), this);
    this.token = new TokenLifetime(ctx.tokens(), transport, () -> {
      if (!ended) {
        fail(null, ErrorCode.TOKEN_EXPIRED, "token expired: reconnect with a fresh token, or refresh before exp");
      }
    });
    this.liveness = new SessionLiveness(ctx.limits(), transport, (code, reason) -> fail(null, code, reason),
        () -> ended || closing);
    this.transport = transport;
    this.queue = new OutboundQueue(transport, ctx.limits().outboundMaxFrames(), ctx.limits().outboundMaxBytes(),
        ctx.metrics()::fanoutLatency);
  }

  public String id() {
    return id;
  }

  @Override
  public String clientId() {
    return id;
  }

  /** Called once the WebSocket is open: starts the connect timer. */
  public void start() {
    ctx.metrics().connectionOpened();
    liveness.start();
    transport.schedule(() -> {
      if (token.current() == null && !ended && !closing) {
        fail(null, ErrorCode.CONNECT_TIMEOUT, "no connect within " + ctx.limits().connectTimeoutMs() + " ms");
      }
    }, ctx.limits().connectTimeoutMs());
  }

  public void onText(String text) {
    MDC.put("session", id); // every log line about this client names it (text and JSON logs)
    try {
      if (!closing && liveness.admit()) { // once a close is decided, later frames are not answered or counted
        handleText(text);
      }
    } finally {
      MDC.remove("session");
    }
  }

  private void handleText(String text) {
    if (earlyFrames != null) { // connect is waiting for the user count: keep order
      if (earlyFrames.size() >= MAX_EARLY_FRAMES) {
        fail(null, ErrorCode.BAD_REQUEST, "wait for connected before sending more than " + MAX_EARLY_FRAMES + " frames");
        return;
      }
      earlyFrames.add(text);
      return;
    }
    ClientRequest request = null;
    try {
      request = ClientRequest.parse(text);
      handle(request);
    } catch (ProtocolException e) {
      fail(request == null ? null : request.id(), e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("session {}: unexpected error handling a frame", id, e);
      fail(request == null ? null : request.id(), ErrorCode.INTERNAL, "internal error");
    }
  }

  /** A pong (answer to the keep-alive ping): the client is alive. It counts against the frame rate. */
  public void onPong() {
    if (!closing) {
      liveness.admit();
    }
  }

  /** A ping from the client (the WebSocket layer answers it): counts against the frame rate like any frame. */
  public void onPing() {
    if (!closing) {
      liveness.admit();
    }
  }

  public void onBinary() {
    if (!closing && liveness.admit()) {
      fail(null, ErrorCode.BINARY_NOT_SUPPORTED, "send JSON text frames");
    }
  }

  /**
   * The WebSocket layer refused a frame before the session saw it (over the size limit, invalid
   * UTF-8, a protocol violation) and is closing with {@code code}'s close code: count it.
   */
  public void onFrameRefused(ErrorCode code) {
    ctx.metrics().error(code);
    closeReason = code.tag();
  }

  /** The connection is gone, for whatever reason: release everything it held. */
  public void onClosed() {
    if (ended) {
      return;
    }
    ended = true;
    for (String channel : subscriptions) {
      ctx.channels().unsubscribe(channel, this);
      presence.leave(channel);
    }
    subscriptions.clear();
    statsFeed.stop();
    queue.discard();
    ConnectionToken t = token.current();
    if (counted && t != null) {
      ctx.userLimit().release(t.subject());
    }
    // Counted once the I/O thread is done with this event: for invalid UTF-8 and protocol errors
    // Undertow closes the channel first and reports why just after, on this same thread.
    try {
      transport.execute(() -> ctx.metrics().connectionClosed(closeReason));
    } catch (RuntimeException stopping) { // the I/O threads are shutting down: count it now
      ctx.metrics().connectionClosed(closeReason);
    }
  }

  /** Closes with {@code code} after what is queued has been sent (drain, shutdown). */
  public void closeGracefully(ErrorCode code, String reason) {
    closing = true;
    closeReason = code.tag();
    queue.offer(ServerFrames.error(null, code, reason));
    queue.closeAfterFlush(code.closeCode(), reason);
  }

  /**
   * Puts this connection back into the pool's shared state after other frontends dropped this one
   * (it was too slow to heartbeat): its presence on every channel and its count for its user.
   */
  public void rejoin() {
    ConnectionToken t = token.current();
    if (t == null || ended) {
      return;
    }
    presence.rejoin(subscriptions, t.subject());
    if (counted) {
      ctx.userLimit().recount(t.subject());
    }
  }

  /**
   * Drain: tells the client to move to {@code url} (empty: ask discovery) and resume there; the
   * connection stays open until the client leaves or the frontend closes it.
   */
  public void reconnectTo(String url, String node, String reason, long withinMs) {
    reply(ServerFrames.reconnect(url, node, reason, withinMs));
  }

  /** Drops the connection without a goodbye (crash drills). */
  public void abort() {
    closeReason = "aborted";
    transport.abort();
  }

  @Override
  public boolean deliver(byte[] frame) {
    return deliver(null, null, frame, 0);
  }

  /**
   * Enqueues a reply. A client that sends requests faster than it reads their answers overflows its
   * queue like a slow reader of messages does, and is closed the same way (4004), never left open
   * with its answers silently dropped.
   */
  private void reply(byte[] frame) {
    deliver(null, null, frame, 0);
  }

  @Override
  public boolean deliver(String origin, StreamPosition position, byte[] frame, long publishTs) {
    if (queue.offer(frame, publishTs)) {
      return true;
    }
    closeReason = ErrorCode.SLOW_CONSUMER.tag();
    ctx.metrics().error(ErrorCode.SLOW_CONSUMER);
    closing = true;
    transport.close(ErrorCode.SLOW_CONSUMER.closeCode(), "slow consumer: resume with since");
    return false;
  }

  public int queueDepth() {
    return queue.depth();
  }

  private void handle(ClientRequest r) throws ProtocolException {
    if (r.op() == null) {
      throw new ProtocolException(ErrorCode.BAD_REQUEST, "'op' must be a string");
    }
    switch (r.op()) {
      case "connect" -> connect(r);
      case "ping" -> reply(ServerFrames.pong(r.id()));
      case "subscribe" -> subscribe(r);
      case "unsubscribe" -> unsubscribe(r);
      case "publish" -> PublishRequests.publish(ctx, r, connected(), subscriptions, this::reply);
      case "history" -> ReadRequests.history(ctx, r, connected(), subscriptions, replies);
      case "presence" -> ReadRequests.presence(ctx, r, connected(), subscriptions, replies);
      case "stats" -> statsFeed.watch(connected(), r.id());
      case "refresh" -> refresh(r);
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_OP, "unknown op: " + ChannelAccess.abbreviate(r.op()));
    }
  }

  private void connect(ClientRequest r) throws ProtocolException {
    if (token.current() != null) {
      throw new ProtocolException(ErrorCode.ALREADY_CONNECTED, "already connected");
    }
    String presented = r.requiredString("token");
    ConnectionToken verified;
    try {
      verified = ctx.tokens().verify(presented);
    } catch (TokenRejectedException e) {
      throw new ProtocolException(e.expired() ? ErrorCode.TOKEN_EXPIRED : ErrorCode.INVALID_TOKEN, e.getMessage());
    }
    JsonNode requestId = r.id();
    if (ctx.userLimit() == null) {
      connected(verified, requestId);
      return;
    }
    earlyFrames = new ArrayDeque<>();
    ctx.userLimit().acquire(verified.subject()).whenComplete((ok, error) -> transport.execute(() -> {
      if (ended) {
        if (Boolean.TRUE.equals(ok)) {
          ctx.userLimit().release(verified.subject());
        }
        return;
      }
      ArrayDeque<String> waiting = earlyFrames;
      earlyFrames = null;
      if (error != null) {
        log.warn("session {}: user connection count unavailable, connection accepted uncounted: {}", id, error.toString());
      } else if (!ok) {
        fail(requestId, ErrorCode.TOO_MANY_CONNECTIONS,
            "user already holds " + ctx.userLimit().max() + " connections in this cloud");
        return;
      }
      counted = error == null;
      connected(verified, requestId);
      waiting.forEach(this::onText);
    }));
  }

  private void connected(ConnectionToken verified, JsonNode requestId) {
    token.accept(verified);
    reply(ServerFrames.connected(requestId, id, ctx.nodeId(), verified.expiresAtSeconds()));
  }

  private void subscribe(ClientRequest r) throws ProtocolException {
    ConnectionToken t = connected();
    String channel = ChannelAccess.channel(r, t, Action.SUBSCRIBE, subscriptions);
    List<ClientRequest.SincePosition> since = r.optionalSince("since");
    long from = r.optionalMillis("from");
    if (subscriptions.contains(channel)) {
      throw new ProtocolException(ErrorCode.ALREADY_SUBSCRIBED, "already subscribed to " + channel);
    }
    if (subscriptions.size() >= ctx.limits().maxSubscriptions()) {
      throw new ProtocolException(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          "at most " + ctx.limits().maxSubscriptions() + " subscriptions per connection");
    }
    ChannelAccess.subscriptionToken(r, channel, id, ctx.tokens());
    boolean watch = r.optionalBoolean("presence");
    subscriptions.add(channel);
    presence.join(channel, t.subject(), watch);
    JsonNode requestId = r.id();
    boolean resuming = !since.isEmpty() || from > 0;
    if (resuming && ctx.recovery() != null) {
      ctx.recovery().subscribe(channel, SinceOrigins.resolve(since, ctx.channels().positions(channel), ctx.streams().localCloud()),
          SinceOrigins.hint(since), from, this, outcome -> ServerFrames.subscribed(requestId, channel, outcome.positions(),
              outcome.primaryOrigin(), outcome.recovered(), outcome.failure()));
      return;
    }
    // Without a replay source a resume is answered truthfully: recovered=false and the live position.
    String failure = resuming ? "unavailable" : null;
    if (failure != null) {
      ctx.metrics().recoveryFailed(failure);
    }
    ctx.channels().subscribe(channel, this, positions -> ServerFrames.subscribed(requestId, channel, positions,
        positions.latestOrigin(), false, failure));
  }

  private void refresh(ClientRequest r) throws ProtocolException {
    connected();
    ConnectionToken next = token.refresh(r.requiredString("token"));
    reply(ServerFrames.refreshed(r.id(), next.expiresAtSeconds()));
    // the new token's permissions rule from now on: subscriptions it no longer allows end here
    for (String channel : List.copyOf(subscriptions)) {
      if (!ChannelAccess.isPrivate(channel) && !next.permissions().allows(Action.SUBSCRIBE, channel)) {
        subscriptions.remove(channel);
        ctx.channels().unsubscribe(channel, this);
        presence.leave(channel);
        ctx.metrics().error(ErrorCode.PERMISSION_DENIED);
        reply(ServerFrames.unsubscribedBecause(channel, ErrorCode.PERMISSION_DENIED,
            "the refreshed token does not allow subscribe on " + ChannelAccess.abbreviate(channel)));
      }
    }
    if (statsFeed.endUnlessAllowed(next)) {
      ctx.metrics().error(ErrorCode.PERMISSION_DENIED);
      reply(ServerFrames.unsubscribedBecause(SessionStatsFeed.CHANNEL, ErrorCode.PERMISSION_DENIED,
          "the refreshed token does not allow " + SessionStatsFeed.CHANNEL));
    }
  }

  private void unsubscribe(ClientRequest r) throws ProtocolException {
    connected();
    String channel = r.requiredString("channel");
    if (!subscriptions.remove(channel)) {
      throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + ChannelAccess.abbreviate(channel));
    }
    ctx.channels().unsubscribe(channel, this);
    presence.leave(channel);
    reply(ServerFrames.unsubscribed(r.id(), channel));
  }

  private ConnectionToken connected() throws ProtocolException {
    ConnectionToken t = token.current();
    if (t == null) {
      throw new ProtocolException(ErrorCode.NOT_CONNECTED, "send connect with a token first");
    }
    return t;
  }

  private void fail(JsonNode requestId, ErrorCode code, String reason) {
    ctx.metrics().error(code);
    if (code.closesConnection()) {
      closing = true;
    }
    reply(ServerFrames.error(requestId, code, reason));
    if (code.closesConnection() && !ErrorCode.SLOW_CONSUMER.tag().equals(closeReason)) {
      closeReason = code.tag();
      queue.closeAfterFlush(code.closeCode(), code.tag());
    }
  }

  /** {@code <node>.<16 hex>}: the session id names its frontend, which discovery uses for stickiness. */
  private static String newId(String node) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return node + "." + HexFormat.of().formatHex(b);
  }
}

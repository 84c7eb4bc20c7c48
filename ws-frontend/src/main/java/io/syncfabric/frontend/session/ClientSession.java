package io.syncfabric.frontend.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.frontend.auth.ConnectionToken;
import io.syncfabric.frontend.auth.TokenRejectedException;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.history.HistoryEntry;
import io.syncfabric.frontend.protocol.ClientRequest;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.frontend.protocol.ProtocolException;
import io.syncfabric.frontend.protocol.ServerFrames;
import io.syncfabric.schema.ChannelName;
import io.syncfabric.schema.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's protocol state: waits for {@code connect}, then serves subscribe,
 * unsubscribe, publish and ping. Requests arrive on the connection's I/O thread; messages arrive
 * from the dispatch thread and only touch the outbound queue.
 */
public final class ClientSession implements Subscriber {
  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id = newId();
  private final SessionContext ctx;
  private final FrameTransport transport;
  private final OutboundQueue queue;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile ConnectionToken token;
  private volatile String closeReason = "client";
  private volatile boolean ended;

  public ClientSession(SessionContext ctx, FrameTransport transport) {
    this.ctx = ctx;
    this.transport = transport;
    this.queue = new OutboundQueue(transport, ctx.limits().outboundMaxFrames(), ctx.limits().outboundMaxBytes());
  }

  public String id() {
    return id;
  }

  /** Called once the WebSocket is open: starts the connect timer. */
  public void start() {
    ctx.metrics().connectionOpened();
    transport.schedule(() -> {
      if (token == null && !ended) {
        fail(null, ErrorCode.CONNECT_TIMEOUT, "no connect within " + ctx.limits().connectTimeoutMs() + " ms");
      }
    }, ctx.limits().connectTimeoutMs());
  }

  public void onText(String text) {
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

  public void onBinary() {
    fail(null, ErrorCode.BINARY_NOT_SUPPORTED, "send JSON text frames");
  }

  /** The transport refused a frame over the size limit and is closing with 1009. */
  public void onFrameTooLarge() {
    ctx.metrics().error(ErrorCode.FRAME_TOO_LARGE);
    closeReason = ErrorCode.FRAME_TOO_LARGE.tag();
  }

  /** The connection is gone, for whatever reason: release everything it held. */
  public void onClosed() {
    if (ended) {
      return;
    }
    ended = true;
    for (String channel : subscriptions) {
      ctx.channels().unsubscribe(channel, this);
    }
    subscriptions.clear();
    queue.discard();
    ctx.metrics().connectionClosed(closeReason);
  }

  /** Closes with {@code code} after what is queued has been sent (drain, shutdown). */
  public void closeGracefully(ErrorCode code, String reason) {
    closeReason = code.tag();
    queue.offer(ServerFrames.error(null, code, reason));
    queue.closeAfterFlush(code.closeCode(), reason);
  }

  /** Drops the connection without a goodbye (crash drills). */
  public void abort() {
    closeReason = "aborted";
    transport.abort();
  }

  @Override
  public boolean deliver(byte[] frame) {
    if (queue.offer(frame)) {
      return true;
    }
    closeReason = ErrorCode.SLOW_CONSUMER.tag();
    ctx.metrics().error(ErrorCode.SLOW_CONSUMER);
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
      case "ping" -> queue.offer(ServerFrames.pong(r.id()));
      case "subscribe" -> subscribe(r);
      case "unsubscribe" -> unsubscribe(r);
      case "publish" -> publish(r);
      case "history" -> history(r);
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_OP, "unknown op: " + abbreviate(r.op()));
    }
  }

  private void connect(ClientRequest r) throws ProtocolException {
    if (token != null) {
      throw new ProtocolException(ErrorCode.ALREADY_CONNECTED, "already connected");
    }
    String presented = r.requiredString("token");
    try {
      token = ctx.tokens().verify(presented);
    } catch (TokenRejectedException e) {
      throw new ProtocolException(e.expired() ? ErrorCode.TOKEN_EXPIRED : ErrorCode.INVALID_TOKEN, e.getMessage());
    }
    queue.offer(ServerFrames.connected(r.id(), id, ctx.nodeId(), token.expiresAtSeconds()));
  }

  private void subscribe(ClientRequest r) throws ProtocolException {
    ConnectionToken t = connected();
    String channel = channel(r, t);
    StreamPosition since = r.optionalPosition("since");
    if (subscriptions.contains(channel)) {
      throw new ProtocolException(ErrorCode.ALREADY_SUBSCRIBED, "already subscribed to " + channel);
    }
    if (subscriptions.size() >= ctx.limits().maxSubscriptions()) {
      throw new ProtocolException(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          "at most " + ctx.limits().maxSubscriptions() + " subscriptions per connection");
    }
    long sinceTs = since == null ? 0 : r.optionalSinceTimestamp("since");
    subscriptions.add(channel);
    JsonNode requestId = r.id();
    if (since != null && ctx.recovery() != null) {
      ctx.recovery().subscribe(channel, since, sinceTs, this,
          (position, recovered) -> ServerFrames.subscribed(requestId, channel, position, recovered));
      return;
    }
    // Without a replay source a 'since' is answered truthfully: recovered=false and the live position.
    if (since != null) {
      ctx.metrics().recoveryFailed("unavailable");
    }
    ctx.channels().subscribe(channel, this, position -> ServerFrames.subscribed(requestId, channel, position, false));
  }

  private void history(ClientRequest r) throws ProtocolException {
    ConnectionToken t = connected();
    String channel = channel(r, t);
    int limit = r.optionalInt("limit", ctx.limits().historyMaxLimit(), ctx.limits().historyMaxLimit());
    StreamPosition since = r.optionalPosition("since");
    JsonNode requestId = r.id();
    if (ctx.history() == null) {
      throw new ProtocolException(ErrorCode.HISTORY_UNAVAILABLE, "this frontend keeps no history");
    }
    ctx.history().read(channel).whenComplete((slice, error) -> {
      if (error != null) {
        ctx.metrics().historyError();
        fail(requestId, ErrorCode.HISTORY_UNAVAILABLE, "history could not be read; retry");
        return;
      }
      List<HistoryEntry> entries;
      if (since == null) {
        List<HistoryEntry> all = slice.entries();
        entries = all.subList(Math.max(0, all.size() - limit), all.size());
      } else if (slice.epoch().equals(since.epoch())) {
        entries = slice.after(since.seq(), limit);
      } else {
        entries = List.of(); // another epoch: nothing after that position exists here
      }
      queue.offer(ServerFrames.history(requestId, channel, slice.epoch(), slice.lastSeq(),
          entries.stream().map(HistoryEntry::frame).toList()));
    });
  }

  private void unsubscribe(ClientRequest r) throws ProtocolException {
    connected();
    String channel = r.requiredString("channel");
    if (!subscriptions.remove(channel)) {
      throw new ProtocolException(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + abbreviate(channel));
    }
    ctx.channels().unsubscribe(channel, this);
    queue.offer(ServerFrames.unsubscribed(r.id(), channel));
  }

  private void publish(ClientRequest r) throws ProtocolException {
    ConnectionToken t = connected();
    String channel = channel(r, t);
    JsonNode data = r.requiredValue("data");
    byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
    if (payload.length > ctx.limits().maxPublishBytes()) {
      throw new ProtocolException(ErrorCode.PAYLOAD_TOO_LARGE,
          payload.length + " bytes > " + ctx.limits().maxPublishBytes());
    }
    JsonNode requestId = r.id();
    ctx.publisher().publish(channel, payload, "application/json").whenComplete((meta, error) -> {
      if (error == null) {
        ctx.metrics().publishAccepted();
        queue.offer(ServerFrames.published(requestId, channel));
      } else {
        ctx.metrics().publishFailed();
        ctx.metrics().error(ErrorCode.PUBLISH_FAILED);
        queue.offer(ServerFrames.error(requestId, ErrorCode.PUBLISH_FAILED, "publish failed: " + error.getClass().getSimpleName()));
      }
    });
  }

  private ConnectionToken connected() throws ProtocolException {
    ConnectionToken t = token;
    if (t == null) {
      throw new ProtocolException(ErrorCode.NOT_CONNECTED, "send connect with a token first");
    }
    return t;
  }

  private static String channel(ClientRequest r, ConnectionToken t) throws ProtocolException {
    String channel = r.requiredString("channel");
    if (!ChannelName.isValid(channel)) {
      throw new ProtocolException(ErrorCode.BAD_CHANNEL, "invalid channel name: " + abbreviate(channel));
    }
    if (!t.channels().allows(channel)) {
      throw new ProtocolException(ErrorCode.PERMISSION_DENIED, "token does not allow " + channel);
    }
    return channel;
  }

  private void fail(JsonNode requestId, ErrorCode code, String reason) {
    ctx.metrics().error(code);
    queue.offer(ServerFrames.error(requestId, code, reason));
    if (code.closesConnection()) {
      closeReason = code.tag();
      queue.closeAfterFlush(code.closeCode(), code.tag());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  private static String newId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}

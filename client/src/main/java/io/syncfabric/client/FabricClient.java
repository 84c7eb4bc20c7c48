package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java client for the fabric's WebSocket protocol: connect with a token, subscribe, publish, and
 * receive messages through a {@link FabricListener}. Every request gets an id; its future completes
 * with the reply, or fails with {@link FabricException} on an {@code error} reply.
 */
public final class FabricClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final FabricListener listener;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile WebSocket socket;
  private volatile String sessionId;
  private volatile String node;
  /** When the last frame came from the server (System.nanoTime). */
  private volatile long lastFrameNanos = System.nanoTime();

  private final URI url;
  private final Receiver receiver = new Receiver();

  private FabricClient(URI url, FabricListener listener) {
    this.url = url;
    this.listener = listener;
  }

  /** The WebSocket URL this client connected to. */
  public URI url() {
    return url;
  }

  /** Opens a connection to {@code url} (e.g. ws://127.0.0.1:8080/v1/ws) and sends connect. */
  public static CompletableFuture<FabricClient> connect(HttpClient http, URI url, String token, FabricListener listener) {
    return connect(http, url, token, listener, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * As above; {@code timeout} bounds the WebSocket handshake and, again, the wait for the connect
   * reply: a frontend that accepts the socket and then says nothing is given up on (the socket is
   * dropped), not waited for forever.
   */
  public static CompletableFuture<FabricClient> connect(HttpClient http, URI url, String token, FabricListener listener,
      Duration timeout) {
    FabricClient client = new FabricClient(url, listener);
    return http.newWebSocketBuilder()
        .connectTimeout(timeout)
        .buildAsync(url, client.receiver)
        .thenCompose(ws -> {
          client.socket = ws;
          ObjectNode connect = JSON.createObjectNode().put("op", "connect").put("token", token);
          return client.request(connect).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((reply, error) -> {
            if (error != null) {
              client.abort();
              throw error instanceof CompletionException ce ? ce : new CompletionException(error);
            }
            client.sessionId = reply.path("client").asText();
            client.node = reply.path("node").asText();
            return client;
          });
        });
  }

  public static CompletableFuture<FabricClient> connect(URI url, String token, FabricListener listener) {
    return connect(HttpClient.newHttpClient(), url, token, listener);
  }

  public CompletableFuture<Subscribed> subscribe(String channel) {
    return subscribe(channel, null, 0);
  }

  /** Subscribes, asking to resume after {@code (epoch, seq)} when {@code epoch} is not null. */
  public CompletableFuture<Subscribed> subscribe(String channel, String epoch, long seq) {
    return subscribe(channel, epoch, seq, 0);
  }

  /**
   * Subscribes, resuming after {@code (epoch, seq)}; {@code ts} is the last message's timestamp
   * (0 if unknown), which lets the server find older messages in Kafka faster.
   */
  public CompletableFuture<Subscribed> subscribe(String channel, String epoch, long seq, long ts) {
    return subscribe(channel, epoch, seq, ts, false);
  }

  /** As above; {@code presence} asks for {@code join}/{@code leave} events of the channel. */
  public CompletableFuture<Subscribed> subscribe(String channel, String epoch, long seq, long ts, boolean presence) {
    return subscribe(channel, epoch == null ? List.of() : List.of(new StreamPosition(null, epoch, seq, ts)), presence);
  }

  /**
   * Subscribes, resuming after {@code since}: the last position seen in each origin cloud's stream of
   * the channel (empty: start now). {@code presence} asks for {@code join}/{@code leave} events.
   */
  public CompletableFuture<Subscribed> subscribe(String channel, List<StreamPosition> since, boolean presence) {
    return subscribe(channel, since, 0, presence);
  }

  /**
   * As above, also saying since when the client has been subscribed ({@code from}: the {@code at}
   * of its first {@link Subscribed} reply on the channel; 0 for none): streams of the channel that
   * {@code since} does not name are then replayed from that time.
   */
  public CompletableFuture<Subscribed> subscribe(String channel, List<StreamPosition> since, long from, boolean presence) {
    ObjectNode frame = JSON.createObjectNode().put("op", "subscribe").put("channel", channel);
    if (presence) {
      frame.put("presence", true);
    }
    if (from > 0) {
      frame.put("from", from);
    }
    if (since.size() == 1 && since.get(0).origin() == null) {
      sinceJson(frame.putObject("since"), since.get(0));
    } else if (!since.isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode list = frame.putArray("since");
      since.forEach(p -> sinceJson(list.addObject(), p));
    }
    return request(frame).thenApply(FabricClient::subscribed);
  }

  private static void sinceJson(ObjectNode node, StreamPosition p) {
    if (p.origin() != null) {
      node.put("origin", p.origin());
    }
    node.put("epoch", p.epoch()).put("seq", p.seq());
    if (p.ts() > 0) {
      node.put("ts", p.ts());
    }
  }

  private static Subscribed subscribed(JsonNode r) {
    List<StreamPosition> positions = new ArrayList<>();
    for (JsonNode p : r.path("positions")) {
      positions.add(new StreamPosition(p.path("origin").asText(), p.path("epoch").asText(), p.path("seq").asLong(), 0));
    }
    return new Subscribed(r.path("channel").asText(), r.path("epoch").asText(), r.path("seq").asLong(),
        r.path("origin").asText(), r.path("recovered").asBoolean(), r.hasNonNull("reason") ? r.get("reason").asText() : null,
        positions, r.path("at").asLong());
  }

  public CompletableFuture<Void> unsubscribe(String channel) {
    return request(JSON.createObjectNode().put("op", "unsubscribe").put("channel", channel)).thenApply(r -> null);
  }

  /** Publishes {@code data} (any JSON value) to {@code channel}; completes once Kafka has it. */
  public CompletableFuture<Void> publish(String channel, JsonNode data) {
    ObjectNode frame = JSON.createObjectNode().put("op", "publish").put("channel", channel);
    frame.set("data", data);
    return request(frame).thenApply(r -> null);
  }

  /** Every client of the cloud subscribed to {@code channel}. */
  public CompletableFuture<List<PresenceInfo>> presence(String channel) {
    return request(JSON.createObjectNode().put("op", "presence").put("channel", channel)).thenApply(r -> {
      List<PresenceInfo> clients = new ArrayList<>();
      r.path("clients").forEach(c -> clients.add(PresenceInfo.of(c)));
      return clients;
    });
  }

  /** The session id the server gave this connection ({@code <node>.<hex>}), once connected. */
  public String sessionId() {
    return sessionId;
  }

  /** The frontend this connection is on, once connected. */
  public String node() {
    return node;
  }

  /** How long since the server last sent a frame. */
  public Duration quietFor() {
    return Duration.ofNanos(System.nanoTime() - lastFrameNanos);
  }

  public CompletableFuture<Void> ping() {
    return request(JSON.createObjectNode().put("op", "ping")).thenApply(r -> null);
  }

  /** Completes when the connection is closed, by either side. */
  public CompletableFuture<Void> closedFuture() {
    return closed;
  }

  @Override
  public void close() {
    WebSocket ws = socket;
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
    }
  }

  /**
   * Drops the connection without a close handshake, as a crash or network loss would; the listener
   * hears {@code onClose(1006)} (java.net.http itself reports nothing after an abort).
   */
  public void abort() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    receiver.finish(1006, "aborted");
  }

  private CompletableFuture<JsonNode> request(ObjectNode frame) {
    long id = ids.incrementAndGet();
    frame.put("id", id);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    send(frame.toString()).whenComplete((ws, error) -> {
      if (error != null) {
        pending.remove(id);
        reply.completeExceptionally(error);
      }
    });
    return reply;
  }

  private synchronized CompletableFuture<WebSocket> send(String text) {
    // java.net.http allows one outstanding send: chain them.
    CompletableFuture<WebSocket> next = lastSend.thenCompose(ws -> socket.sendText(text, true));
    lastSend = next.exceptionally(e -> socket);
    return next;
  }

  private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

  private void onFrame(JsonNode frame) {
    String op = frame.path("op").asText();
    JsonNode idNode = frame.get("id");
    CompletableFuture<JsonNode> reply = idNode == null ? null : pending.remove(idNode.asLong());
    switch (op) {
      case "message" -> listener.onMessage(new FabricMessage(frame.path("channel").asText(),
          frame.path("epoch").asText(), frame.path("seq").asLong(), frame.path("ts").asLong(),
          frame.path("origin").asText(), frame.get("data")));
      case "error" -> {
        FabricException error = new FabricException(frame.path("code").asInt(), frame.path("name").asText(),
            frame.path("reason").asText());
        if (reply != null) {
          reply.completeExceptionally(error);
        } else {
          listener.onError(error);
        }
      }
      case "join", "leave" -> listener.onPresence(op.equals("join"), frame.path("channel").asText(),
          PresenceInfo.of(frame));
      case "reconnect" -> listener.onReconnect(frame.path("url").asText(""), frame.path("node").asText(""),
          frame.path("reason").asText(""), frame.path("within").asLong());
      default -> {
        if (reply != null) {
          reply.complete(frame);
        }
      }
    }
  }

  private final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastFrameNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onFrame(JSON.readTree(text));
        } catch (Exception e) {
          listener.onError(new FabricException(0, "client", "unreadable frame from server: " + e.getMessage()));
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      finish(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      finish(1006, String.valueOf(error.getMessage()));
    }

    private void finish(int code, String reason) {
      FabricException gone = new FabricException(code, "closed", reason);
      pending.values().forEach(f -> f.completeExceptionally(gone));
      pending.clear();
      if (closed.complete(null)) {
        listener.onClose(code, reason);
      }
    }
  }
}

package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A frontend that speaks just enough of the protocol for the failover client: discovery, ping,
 * connect, subscribe, and drain hints on demand. Lets a test put a hint exactly where a real pool
 * only puts it by chance (e.g. while the client is still resubscribing on its new frontend).
 */
final class ScriptedFrontend implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String node;
  final String cloud;
  private final Undertow server;
  private final int port;
  private final Set<WebSocketChannel> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessions = new AtomicInteger();
  private volatile Supplier<List<ScriptedFrontend>> discovery = List::of;
  /** When set, a subscribe is answered only after this hint went out on the same socket. */
  private volatile ScriptedFrontend hintBeforeSubscribed;
  /** Every subscribe frame received, in order. */
  final List<JsonNode> subscribes = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** What subscribed replies say as their {@code at}. */
  volatile long at = 1_000;
  /** Ops received and left unanswered, as a frontend that hangs would. */
  volatile Set<String> ignoring = Set.of();
  /** Pings over HTTP still to be answered 503 (a probe that fails). */
  final AtomicInteger failingPings = new AtomicInteger();
  /** Every op received over the WebSocket, in order. */
  final List<String> ops = new java.util.concurrent.CopyOnWriteArrayList<>();

  ScriptedFrontend(String node) {
    this(node, "a");
  }

  ScriptedFrontend(String node, String cloud) {
    this.node = node;
    this.cloud = cloud;
    this.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(Handlers.path()
        .addExactPath("/v1/ping", ex -> {
          if (failingPings.getAndDecrement() > 0) {
            ex.setStatusCode(503);
          }
          ex.getResponseSender().send("pong");
        })
        .addExactPath("/v1/discovery", ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          ObjectNode body = JSON.createObjectNode();
          discovery.get().forEach(f -> body.withArray("frontends").addObject().put("node", f.node)
              .put("cloud", f.cloud).put("region", "r").put("url", f.wsUrl().toString()).put("http", f.httpUrl().toString()).put("load", 0));
          ex.getResponseSender().send(body.toString());
        })
        .addExactPath("/v1/ws", Handlers.websocket((exchange, channel) -> {
          sockets.add(channel);
          channel.addCloseTask(sockets::remove);
          channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) throws java.io.IOException {
              answer(ch, JSON.readTree(message.getData()));
            }
          });
          channel.resumeReceives();
        }))).build();
    server.start();
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** A failover client seeded with {@code seed} that retries quickly; a test adds its own settings. */
  static FailoverClientBuilder clientOf(ScriptedFrontend seed) {
    return FailoverClient.builder(List.of(seed.httpUrl()), () -> "t", m -> { }).backoff(new Backoff(50, 200));
  }

  URI httpUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  URI wsUrl() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
  }

  void listInDiscovery(Supplier<List<ScriptedFrontend>> frontends) {
    this.discovery = frontends;
  }

  void hintBeforeSubscribed(ScriptedFrontend target) {
    this.hintBeforeSubscribed = target;
  }

  /** Tells every connected client to move to {@code target}, as a draining frontend does. */
  void drainTo(ScriptedFrontend target) {
    sockets.forEach(ch -> hint(ch, target));
  }

  int openSockets() {
    return sockets.size();
  }

  long count(String op) {
    return ops.stream().filter(op::equals).count();
  }

  private void answer(WebSocketChannel ch, JsonNode frame) {
    String op = frame.path("op").asText();
    ops.add(op);
    if (ignoring.contains(op)) {
      return;
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.set("id", frame.get("id"));
    switch (op) {
      case "connect" -> reply.put("op", "connected").put("client", node + "." + sessions.incrementAndGet())
          .put("node", node);
      case "subscribe" -> {
        subscribes.add(frame);
        reply.put("at", at);
        ScriptedFrontend target = hintBeforeSubscribed;
        if (target != null) {
          hint(ch, target);
        }
        reply.put("op", "subscribed").put("channel", frame.path("channel").asText()).put("epoch", "e1")
            .put("seq", 0).put("origin", "a").put("recovered", true).putArray("positions");
      }
      default -> reply.put("op", "pong");
    }
    WebSockets.sendText(reply.toString(), ch, null);
  }

  private static void hint(WebSocketChannel ch, ScriptedFrontend target) {
    WebSockets.sendText(JSON.createObjectNode().put("op", "reconnect").put("url", target.wsUrl().toString())
        .put("node", target.node).put("reason", "draining").put("within", 5_000).toString(), ch, null);
  }

  @Override
  public void close() {
    sockets.forEach(ch -> {
      try {
        ch.close();
      } catch (java.io.IOException ignored) {
        // closing anyway
      }
    });
    server.stop();
  }
}

package io.syncfabric.tests.support;

import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.Subscribed;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client that remembers where it is in each channel and, when it reconnects (to any
 * frontend), resubscribes with {@code since}. Everything it receives goes to a {@link DeliveryChecker}.
 */
public final class ResumingClient {
  private final String id;
  private final HttpClient http;
  private final String token;
  private final List<String> channels;
  private final DeliveryChecker checker;
  private final Map<String, FabricMessage> last = new ConcurrentHashMap<>();
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicInteger recovered = new AtomicInteger();
  private final AtomicInteger notRecovered = new AtomicInteger();
  private volatile Subscribed lastReply;
  /** What happened to this client, in order: receipts and resubscribes, for failure reports. */
  private final List<String> trail = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile FabricClient client;

  public ResumingClient(String id, HttpClient http, String token, List<String> channels, DeliveryChecker checker) {
    this.id = id;
    this.http = http;
    this.token = token;
    this.channels = channels;
    this.checker = checker;
    channels.forEach(c -> checker.subscribed(id, c));
  }

  /** Connects to {@code url} and (re)subscribes every channel, with since where it has a position. */
  public void connect(String url) throws Exception {
    open(url);
    subscribeAll().get(60, TimeUnit.SECONDS);
  }

  /** Opens a connection (connect op included) without subscribing yet. */
  public void open(String url) throws Exception {
    int gen = generation.get();
    client = FabricClient.connect(http, URI.create(url), token, new FabricListener() {
      @Override
      public void onMessage(FabricMessage m) {
        synchronized (ResumingClient.this) {
          if (generation.get() == gen) { // a dropped connection's stragglers are not this client's anymore
            last.put(m.channel(), m);
            checker.received(id, m);
            trail.add(m.channel() + "#" + m.seq() + "@g" + gen);
          }
        }
      }
    }).get(20, TimeUnit.SECONDS);
  }

  /** Sends every subscribe at once (with since where known); completes when all are answered. */
  public CompletableFuture<Void> subscribeAll() {
    FabricClient c = client;
    List<CompletableFuture<Subscribed>> replies = new ArrayList<>();
    for (String channel : channels) {
      FabricMessage at = last.get(channel);
      trail.add("subscribe " + channel + (at == null ? "" : " since " + at.seq()) + " g" + generation.get());
      CompletableFuture<Subscribed> reply = at == null
          ? c.subscribe(channel)
          : c.subscribe(channel, at.epoch(), at.seq(), at.ts());
      replies.add(reply.thenApply(r -> {
        lastReply = r;
        trail.add("reply " + r.channel() + " " + r.seq() + " recovered=" + r.recovered());
        if (at != null) {
          (r.recovered() ? recovered : notRecovered).incrementAndGet();
        }
        return r;
      }));
    }
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
  }

  /** Drops the connection without a goodbye, as a network loss would. */
  public void drop() {
    synchronized (this) {
      generation.incrementAndGet(); // after this returns, nothing from the old connection is recorded
    }
    FabricClient c = client;
    if (c != null) {
      c.abort();
    }
  }

  /** The last {@code n} events of this client, for failure messages. */
  public List<String> trail(int n) {
    synchronized (trail) {
      return List.copyOf(trail.subList(Math.max(0, trail.size() - n), trail.size()));
    }
  }

  public String id() {
    return id;
  }

  public int recovered() {
    return recovered.get();
  }

  public int notRecovered() {
    return notRecovered.get();
  }

  /** The last message received on {@code channel}, or null. */
  public FabricMessage lastMessage(String channel) {
    return last.get(channel);
  }

  public Subscribed lastReply() {
    return lastReply;
  }

  public void close() {
    drop();
  }
}

package io.syncfabric.tests.support;

import io.syncfabric.client.Backoff;
import io.syncfabric.client.ClientState;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.FailoverClient;
import io.syncfabric.client.FailoverListener;
import io.syncfabric.client.Subscribed;
import io.syncfabric.frontend.FrontendServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Many {@link FailoverClient}s sharing one HttpClient and one scheduler, each recording what it
 * receives in a {@link DeliveryChecker}.
 */
public final class PoolClients implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<FailoverClient> clients = new ArrayList<>();
  private final AtomicInteger resyncs = new AtomicInteger();
  private final List<String> resyncReasons = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  /** What each client went through, for a failing test to tell: connects and errors, in order. */
  private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int probes;

  /** Clients that ping each candidate once (loopback RTTs are all alike: the spread is what matters). */
  public PoolClients() {
    this(1);
  }

  /** Clients that take the best of {@code probes} pings per candidate (for tests where distance matters). */
  public PoolClients(int probes) {
    this.probes = probes;
  }

  /** Starts {@code count} clients on the frontends' discovery, each subscribed to its channels. */
  public void start(int count, List<FrontendServer> seeds, String token, IntFunction<List<String>> channelsOf,
      DeliveryChecker checker) throws Exception {
    startWithSeeds(seeds.stream().map(f -> URI.create(f.publicHttpUrl())).toList(), count, token, channelsOf, checker);
  }

  /** The same with seed URLs (frontends running in other processes). */
  public void startWithSeeds(List<URI> seedUrls, int count, String token, IntFunction<List<String>> channelsOf,
      DeliveryChecker checker) throws Exception {
    List<CompletableFuture<?>> ready = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "c" + clients.size(); // unique across calls: a second start adds more clients
      List<String> channels = channelsOf.apply(i);
      channels.forEach(c -> checker.subscribed(id, c));
      FailoverClient client = FailoverClient.builder(seedUrls, () -> token, new FailoverListener() {
        @Override
        public void onMessage(FabricMessage m) {
          checker.received(id, m);
        }

        @Override
        public void onResync(Subscribed reply) {
          resyncs.incrementAndGet();
          resyncReasons.add(id + "/" + reply.channel() + ": " + reply.reason() + " " + reply.positions());
        }

        @Override
        public void onConnected(String node, URI url, String sessionId) {
          events.add(id + " connected to " + node);
        }

        @Override
        public void onError(Throwable error) {
          events.add(id + " error " + error);
        }

        @Override
        public void onStateChange(ClientState from, ClientState to) {
          if (to == ClientState.RECONNECTING) {
            reconnects.incrementAndGet();
          }
        }
      }).http(http).scheduler(scheduler).backoff(new Backoff(100, 2_000)).probes(probes, Duration.ofSeconds(2))
          .discoveryRefresh(Duration.ofSeconds(5))
          .heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(10)).build();
      clients.add(client);
      ready.add(client.start().thenCompose(v -> CompletableFuture.allOf(
          channels.stream().map(client::subscribe).toArray(CompletableFuture[]::new))));
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
  }

  public List<FailoverClient> clients() {
    return List.copyOf(clients);
  }

  /** Resubscribes answered recovered=false. */
  public int resyncs() {
    return resyncs.get();
  }

  /** Why each resync happened: client/channel, reason and the positions the client continues after. */
  public List<String> resyncReasons() {
    return List.copyOf(resyncReasons);
  }

  /** Each client's connects and errors, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  public int reconnects() {
    return reconnects.get();
  }

  @Override
  public void close() {
    clients.forEach(FailoverClient::close);
    scheduler.shutdownNow();
  }
}

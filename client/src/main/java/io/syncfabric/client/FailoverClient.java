package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A client that stays connected to the fabric: finds the nearest healthy frontend (discovery, then
 * RTT probes), reconnects with jittered exponential backoff when it loses it, fails over to the
 * next nearest, follows drain hints make-before-break, and resumes every subscription with
 * {@code since}, delivering each message once and in order.
 */
public final class FailoverClient implements AutoCloseable {
  private final FrontendFinder finder;
  private final HttpClient http;
  private final Supplier<String> token;
  private final FailoverListener listener;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final Backoff backoff;
  private final DoubleSupplier random;
  private final DiscoveryRefresher refresher;
  private final Heartbeat heartbeat;
  private final Duration connectTimeout;
  private final long resubscribeTimeoutMs;
  private final ChannelPositions positions = new ChannelPositions();
  private final WantedChannels wanted = new WantedChannels();
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private ClientState state = ClientState.IDLE;
  private FabricClient current;
  private String sessionId;
  private int attempt;
  private int refusals;
  private boolean switching;
  /** Drain hints that came on a connection before it was swapped in: followed once it is. */
  private final Map<FabricClient, Hint> pendingHints = new ConcurrentHashMap<>();

  private record Hint(String url, String node) {}

  FailoverClient(FailoverClientBuilder b) {
    this.http = b.http != null ? b.http : HttpClient.newHttpClient();
    this.finder = new FrontendFinder(http, b.seeds, b.region, b.probes, b.probeTimeout, b.random);
    this.token = b.token;
    this.listener = b.listener;
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fabric-client");
      t.setDaemon(true);
      return t;
    }) : b.scheduler;
    this.backoff = b.backoff;
    this.random = b.random;
    this.refresher = new DiscoveryRefresher(finder, scheduler, b.discoveryRefresh);
    this.heartbeat = new Heartbeat(scheduler, b.pingEvery, b.pongTimeout);
    this.connectTimeout = b.connectTimeout;
    this.resubscribeTimeoutMs = b.resubscribeTimeout.toMillis();
  }

  /** @param seeds HTTP base URLs of frontends to ask for discovery (e.g. http://127.0.0.1:8080) */
  public static FailoverClientBuilder builder(List<URI> seeds, Supplier<String> token, FailoverListener listener) {
    return new FailoverClientBuilder(seeds, token, listener);
  }

  /** Starts connecting; completes once connected the first time (it keeps trying until then). */
  public CompletableFuture<Void> start() {
    synchronized (this) {
      if (state != ClientState.IDLE) {
        return firstConnect;
      }
      setState(ClientState.CONNECTING);
    }
    establish(null, Set.of());
    return firstConnect;
  }

  /** Subscribes (kept across reconnects); completes with the first reply. */
  public CompletableFuture<Subscribed> subscribe(String channel, boolean presence) {
    FabricClient c;
    synchronized (this) {
      wanted.want(channel, presence);
      c = state == ClientState.CONNECTED && !switching ? current : null;
      if (c == null) {
        return wanted.later(channel);
      }
    }
    return subscribeOn(c, channel, presence);
  }

  public CompletableFuture<Subscribed> subscribe(String channel) {
    return subscribe(channel, false);
  }

  public CompletableFuture<Void> unsubscribe(String channel) {
    FabricClient c;
    synchronized (this) {
      wanted.remove(channel);
      c = current;
    }
    positions.forget(channel);
    return c == null ? CompletableFuture.completedFuture(null) : c.unsubscribe(channel);
  }

  public CompletableFuture<Void> publish(String channel, JsonNode data) {
    return connection().publish(channel, data);
  }

  public CompletableFuture<List<PresenceInfo>> presence(String channel) {
    return connection().presence(channel);
  }

  public synchronized ClientState state() {
    return state;
  }

  /** The frontend currently connected to, or null. */
  public synchronized String node() {
    return current == null ? null : current.node();
  }

  /** The clouds whose frontends this client knows from its last discovery answer. */
  public Set<String> knownClouds() {
    return finder.knownClouds();
  }

  /** Messages dropped as repeats while moving between frontends. */
  public long duplicatesDropped() {
    return positions.dropped();
  }

  @Override
  public void close() {
    FabricClient c;
    synchronized (this) {
      if (state == ClientState.CLOSED) {
        return;
      }
      setState(ClientState.CLOSED);
      c = current;
      current = null;
    }
    refresher.stop();
    heartbeat.stop();
    if (c != null) {
      c.close();
    }
    firstConnect.completeExceptionally(new IllegalStateException("closed"));
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  /** Drops the connection without a goodbye, as a network loss would; the client then reconnects. */
  public void dropConnection() {
    FabricClient c;
    synchronized (this) {
      c = current;
    }
    if (c != null) {
      c.abort();
    }
  }

  private FabricClient connection() {
    LiveConnection live = connected();
    if (live != null) {
      return live.connection();
    }
    throw new FabricException(0, "not-connected", "the client is " + state().name().toLowerCase());
  }

  /** Finds candidates (the hinted URL first), connects to the first that accepts, resubscribes, swaps in. */
  private void establish(String hintedUrl, Set<String> avoid) {
    String session;
    synchronized (this) {
      session = sessionId;
    }
    CompletableFuture<List<Frontend>> candidates = finder.find(session, avoid);
    if (hintedUrl != null && !hintedUrl.isEmpty()) {
      Frontend hinted = new Frontend("", "", "", URI.create(hintedUrl), null, 0);
      candidates = candidates.thenApply(list -> {
        List<Frontend> all = new ArrayList<>(List.of(hinted));
        all.addAll(list);
        return all;
      });
    }
    candidates.thenCompose(list -> connectFirst(list, 0)).whenComplete((c, error) -> {
      if (error != null) {
        listener.onError(error);
        if (FabricException.isRefusal(error)) {
          synchronized (this) {
            if (++refusals > 1) { // the token supplier was asked for a fresh token once already
              setState(ClientState.CLOSED);
              firstConnect.completeExceptionally(error);
              return;
            }
          }
        }
        retryLater();
      } else {
        resubscribeAndSwap(c);
      }
    });
  }

  private CompletableFuture<FabricClient> connectFirst(List<Frontend> candidates, int i) {
    if (i >= candidates.size()) {
      return CompletableFuture.failedFuture(new FabricException(0, "unreachable", "no frontend accepted the connection"));
    }
    if (state() == ClientState.CLOSED) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    AtomicReference<FabricClient> self = new AtomicReference<>();
    return FabricClient.connect(http, candidates.get(i).url(), token.get(), new ConnectionListener(self), connectTimeout)
        .thenApply(c -> {
          self.set(c);
          return c;
        })
        .handle((c, error) -> {
          if (error == null) {
            return CompletableFuture.completedFuture(c);
          }
          if (FabricException.isRefusal(error)) {
            return CompletableFuture.<FabricClient>failedFuture(error);
          }
          return connectFirst(candidates, i + 1);
        }).thenCompose(f -> f);
  }

  private void resubscribeAndSwap(FabricClient c) {
    List<CompletableFuture<Subscribed>> replies = wanted.subscribeAll((channel, presence) -> subscribeOn(c, channel, presence));
    CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
        .orTimeout(resubscribeTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, error) -> {
      if (error != null) { // an error reply, the socket gone, or no answer in time
        c.abort();
        listener.onError(error);
        retryLater();
        return;
      }
      FabricClient old;
      synchronized (this) {
        if (state == ClientState.CLOSED) {
          c.close();
          return;
        }
        old = current;
        current = c;
        sessionId = c.sessionId();
        attempt = 0;
        refusals = 0;
        switching = false;
        setState(ClientState.CONNECTED);
      }
      refresher.start(this::connected);
      heartbeat.start(this::connected);
      if (old != null && old != c) {
        old.close(); // make-before-break: the new connection already delivers
      }
      listener.onConnected(c.node(), c.url(), c.sessionId());
      firstConnect.complete(null);
      wanted.subscribeWaiting((channel, presence) -> subscribeOn(c, channel, presence));
      Hint early = pendingHints.remove(c);
      if (early != null) { // the frontend we just moved to is draining too
        drainHint(c, early.url(), early.node());
      }
    });
  }

  private synchronized LiveConnection connected() {
    return state == ClientState.CONNECTED && current != null ? new LiveConnection(current, sessionId) : null;
  }

  private CompletableFuture<Subscribed> subscribeOn(FabricClient c, String channel, boolean presence) {
    List<StreamPosition> since = positions.since(channel);
    long from = positions.from(channel);
    boolean resuming = !since.isEmpty() || from > 0;
    return c.subscribe(channel, since, from, presence).thenApply(r -> {
      // runs on the socket's thread before the next frame: positions are set before replayed messages
      positions.subscribedAt(r);
      if (resuming && !r.recovered()) {
        listener.onResync(r);
      }
      listener.onSubscribed(r, resuming);
      return r;
    });
  }

  private void retryLater() {
    long delay;
    synchronized (this) {
      if (state == ClientState.CLOSED) {
        return;
      }
      switching = false;
      delay = backoff.delayMs(attempt++, random);
    }
    scheduler.schedule(() -> establish(null, Set.of()), delay, TimeUnit.MILLISECONDS);
  }

  private void connectionClosed(FabricClient c, int code, String reason) {
    if (c != null) {
      pendingHints.remove(c);
    }
    synchronized (this) {
      if (c == null || c != current || state == ClientState.CLOSED) {
        return; // a retired connection, or we are done
      }
      current = null;
      // 4500-4999 and the client-bug codes (1009 too big, 1007 bad UTF-8, 1002 protocol error):
      // retried once with a fresh token, then the client stops instead of looping
      if ((code >= 4500 && code < 5000) || code == 1009 || code == 1007 || code == 1002) {
        if (++refusals > 1) { // a fresh token was tried once already
          setState(ClientState.CLOSED);
          listener.onError(new FabricException(code, "refused", reason));
          return;
        }
      }
      setState(ClientState.RECONNECTING);
    }
    retryLater();
  }

  private void drainHint(FabricClient c, String url, String node) {
    synchronized (this) {
      if (c == null || state == ClientState.CLOSED) {
        return;
      }
      if (c != current) {
        // still resubscribing there (a retired connection's hint is removed when it closes)
        pendingHints.put(c, new Hint(url, node));
        if (c.closedFuture().isDone()) {
          pendingHints.remove(c);
        }
        return;
      }
      if (switching || state != ClientState.CONNECTED) {
        return;
      }
      switching = true;
      setState(ClientState.RECONNECTING);
    }
    establish(url, c.node() == null ? Set.of() : Set.of(c.node()));
  }

  private void setState(ClientState next) {
    ClientState before = state;
    state = next;
    if (before != next) {
      listener.onStateChange(before, next);
    }
  }

  /** Listens to one connection; events of connections that are no longer current are ignored or filtered. */
  private final class ConnectionListener implements FabricListener {
    private final AtomicReference<FabricClient> self;

    ConnectionListener(AtomicReference<FabricClient> self) {
      this.self = self;
    }

    @Override
    public void onMessage(FabricMessage m) {
      if (positions.accept(m)) {
        listener.onMessage(m);
      }
    }

    @Override
    public void onPresence(boolean joined, String channel, PresenceInfo client) {
      listener.onPresence(joined, channel, client);
    }

    @Override
    public void onReconnect(String url, String node, String reason, long withinMs) {
      drainHint(self.get(), url, node);
    }

    @Override
    public void onError(FabricException error) {
      listener.onError(error);
    }

    @Override
    public void onClose(int code, String reason) {
      connectionClosed(self.get(), code, reason);
    }
  }
}

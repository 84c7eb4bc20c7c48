package io.syncfabric.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Settings of a {@link FailoverClient}: {@code FailoverClient.builder(seeds, token, listener)...build()}. */
public final class FailoverClientBuilder {
  final List<URI> seeds;
  final Supplier<String> token;
  final FailoverListener listener;
  HttpClient http;
  ScheduledExecutorService scheduler;
  String region;
  Backoff backoff = new Backoff(250, 10_000);
  int probes = 2;
  Duration probeTimeout = Duration.ofMillis(1_500);
  Duration discoveryRefresh = Duration.ofSeconds(30);
  Duration connectTimeout = FabricClient.DEFAULT_CONNECT_TIMEOUT;
  Duration resubscribeTimeout = Duration.ofSeconds(60);
  Duration pingEvery = Duration.ofSeconds(25);
  Duration pongTimeout = Duration.ofSeconds(10);
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

  FailoverClientBuilder(List<URI> seeds, Supplier<String> token, FailoverListener listener) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("give at least one seed frontend URL");
    }
    this.seeds = List.copyOf(seeds);
    this.token = token;
    this.listener = listener;
  }

  /** Share one HttpClient between many clients (each one otherwise has its own). */
  public FailoverClientBuilder http(HttpClient http) {
    this.http = http;
    return this;
  }

  /** Share one scheduler (for backoff waits) between many clients. */
  public FailoverClientBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /** The caller's region: discovery ranks that region's frontends first. */
  public FailoverClientBuilder region(String region) {
    this.region = region;
    return this;
  }

  public FailoverClientBuilder backoff(Backoff backoff) {
    this.backoff = backoff;
    return this;
  }

  public FailoverClientBuilder probes(int probes, Duration timeout) {
    this.probes = probes;
    this.probeTimeout = timeout;
    return this;
  }

  /**
   * How often a connected client asks discovery again (default 30 s; zero turns it off), so it
   * knows the frontends of clouds that appeared after it connected before its own cloud goes dark.
   */
  public FailoverClientBuilder discoveryRefresh(Duration every) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("discoveryRefresh must not be negative");
    }
    this.discoveryRefresh = every;
    return this;
  }

  /** Limit for opening a socket and for its connect reply (default 10 s); the next frontend is tried after it. */
  public FailoverClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * Limit for the replies to the subscribes a new connection resumes with (default 60 s: a
   * frontend bounds its own Kafka replays at 30 s); after it the connection is dropped and the
   * client tries again, so a frontend that stopped answering never holds it.
   */
  public FailoverClientBuilder resubscribeTimeout(Duration timeout) {
    this.resubscribeTimeout = positive(timeout, "resubscribeTimeout");
    return this;
  }

  /**
   * Pings a connection the server has been quiet on for {@code every} (default 25 s; zero turns
   * it off) and drops it when no pong comes within {@code pongTimeout} (default 10 s).
   */
  public FailoverClientBuilder heartbeat(Duration every, Duration pongTimeout) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("heartbeat interval must not be negative");
    }
    this.pingEvery = every;
    this.pongTimeout = positive(pongTimeout, "pongTimeout");
    return this;
  }

  private static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }

  public FailoverClientBuilder random(DoubleSupplier random) {
    this.random = random;
    return this;
  }

  public FailoverClient build() {
    return new FailoverClient(this);
  }
}

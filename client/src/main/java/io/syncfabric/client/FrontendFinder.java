package io.syncfabric.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

/**
 * Finds the frontends to try, best first: asks {@code /v1/discovery} (seeds first, then frontends
 * learned before), measures RTT to each candidate with {@code /v1/ping}, and orders them by RTT.
 * Among those within {@link #SLACK_MS} or 20% of the best it picks one at random, so clients with
 * equal RTTs spread over the pool; the frontend holding the client's session stays first while it
 * answers (stickiness).
 */
final class FrontendFinder {
  static final double SLACK_MS = 2.0;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CANDIDATES = 8;

  record Measured(Frontend frontend, double rttMs) {}

  private final HttpClient http;
  private final List<URI> seeds;
  private final String region;
  private final int probes;
  private final Duration timeout;
  private final DoubleSupplier random;
  /** The last discovery answer: where to ask when the seeds are gone (a whole cloud may be). */
  private List<Frontend> learned = List.of();

  FrontendFinder(HttpClient http, List<URI> seeds, String region, int probes, Duration timeout, DoubleSupplier random) {
    this.http = http;
    this.seeds = List.copyOf(seeds);
    this.region = region;
    this.probes = probes;
    this.timeout = timeout;
    this.random = random;
  }

  /** Candidates best first, without {@code avoid} (nodes known to be going away); never fails. */
  CompletableFuture<List<Frontend>> find(String sessionId, Set<String> avoid) {
    return discover(sessionId).thenCompose(listed -> {
      List<Frontend> candidates = listed.stream().filter(f -> !avoid.contains(f.node())).limit(MAX_CANDIDATES).toList();
      if (candidates.isEmpty()) {
        return CompletableFuture.completedFuture(seeds.stream().map(Frontend::seed).toList());
      }
      String sticky = nodeOf(sessionId);
      List<CompletableFuture<Measured>> probed = candidates.stream().map(this::measure).toList();
      return CompletableFuture.allOf(probed.toArray(CompletableFuture[]::new)).thenApply(v -> order(
          probed.stream().map(CompletableFuture::join).filter(m -> m.rttMs() >= 0).toList(), sticky, random));
    });
  }

  /** RTT order; a random pick among the near-best goes first; a live sticky frontend before all. */
  static List<Frontend> order(List<Measured> reachable, String stickyNode, DoubleSupplier random) {
    List<Measured> byRtt = new ArrayList<>(reachable);
    byRtt.sort(Comparator.comparingDouble(Measured::rttMs));
    List<Frontend> result = new ArrayList<>(byRtt.stream().map(Measured::frontend).toList());
    if (result.isEmpty()) {
      return result;
    }
    double best = byRtt.get(0).rttMs();
    int near = (int) byRtt.stream().filter(m -> m.rttMs() <= Math.max(best + SLACK_MS, best * 1.2)).count();
    result.add(0, result.remove((int) (random.getAsDouble() * near)));
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i).node().equals(stickyNode)) {
        result.add(0, result.remove(i));
        break;
      }
    }
    return result;
  }

  private CompletableFuture<List<Frontend>> discover(String sessionId) {
    return discoverFrom(sources(null), 0, sessionId);
  }

  /**
   * Asks discovery again, the frontend the client is connected to first, so what it knows keeps
   * up with the pools: frontends and clouds that joined after it connected are there to fail
   * over to when its own cloud goes dark.
   */
  CompletableFuture<Void> refresh(URI connectedHttp, String sessionId) {
    return discoverFrom(sources(connectedHttp), 0, sessionId).thenApply(list -> null);
  }

  /** Where to ask discovery, in turn: {@code first} (when given), the seeds, then what the last answer listed. */
  private List<URI> sources(URI first) {
    Set<URI> sources = new LinkedHashSet<>();
    if (first != null) {
      sources.add(first);
    }
    sources.addAll(seeds);
    sources.addAll(learnedUrls());
    return new ArrayList<>(sources);
  }

  /** The clouds of the frontends the last discovery answer listed. */
  Set<String> knownClouds() {
    Set<String> clouds = new LinkedHashSet<>();
    for (Frontend f : learned()) {
      clouds.add(f.cloud());
    }
    return clouds;
  }

  private synchronized List<Frontend> learned() {
    return learned;
  }

  private synchronized List<URI> learnedUrls() {
    return learned.stream().map(Frontend::http).toList();
  }

  private synchronized void learn(List<Frontend> listed) {
    learned = List.copyOf(listed);
  }

  private CompletableFuture<List<Frontend>> discoverFrom(List<URI> sources, int i, String sessionId) {
    if (i >= sources.size()) {
      return CompletableFuture.completedFuture(List.of());
    }
    StringBuilder query = new StringBuilder("/v1/discovery?");
    if (region != null) {
      query.append("region=").append(URLEncoder.encode(region, StandardCharsets.UTF_8)).append('&');
    }
    if (sessionId != null) {
      query.append("session=").append(URLEncoder.encode(sessionId, StandardCharsets.UTF_8));
    }
    HttpRequest request = HttpRequest.newBuilder(base(sources.get(i)).resolve(query.toString())).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("discovery answered " + r.statusCode());
      }
      List<Frontend> list = new ArrayList<>();
      try {
        for (JsonNode n : JSON.readTree(r.body()).path("frontends")) {
          list.add(Frontend.of(n));
        }
      } catch (Exception e) {
        throw new IllegalStateException("unreadable discovery answer", e);
      }
      if (!list.isEmpty()) {
        learn(list);
      }
      return list;
    }).handle((list, error) -> error == null && !list.isEmpty()
        ? CompletableFuture.completedFuture(list)
        : discoverFrom(sources, i + 1, sessionId)).thenCompose(f -> f);
  }

  /**
   * Min RTT of {@code probes} pings, one after the other; -1 when none answered. A failed ping only
   * loses its sample (one refused or reset connection on a busy host must not rule the nearest
   * frontend out), but a timed-out one ends the measuring: a frontend that stopped answering
   * should cost one timeout, not one per probe.
   */
  private CompletableFuture<Measured> measure(Frontend f) {
    return probe(f, 0, Double.MAX_VALUE).thenApply(best -> new Measured(f, best == Double.MAX_VALUE ? -1 : best));
  }

  private CompletableFuture<Double> probe(Frontend f, int done, double best) {
    if (done >= probes) {
      return CompletableFuture.completedFuture(best);
    }
    return ping(f).handle((rtt, error) -> {
      if (error == null) {
        return probe(f, done + 1, Math.min(best, rtt));
      }
      return timedOut(error) ? CompletableFuture.completedFuture(best) : probe(f, done + 1, best);
    }).thenCompose(next -> next);
  }

  private static boolean timedOut(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
    return cause instanceof java.net.http.HttpTimeoutException;
  }

  private CompletableFuture<Double> ping(Frontend f) {
    HttpRequest request = HttpRequest.newBuilder(base(f.http()).resolve("/v1/ping")).timeout(timeout).GET().build();
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("ping answered " + r.statusCode());
      }
      return (System.nanoTime() - start) / 1e6;
    });
  }

  private static URI base(URI http) {
    return URI.create(http.toString().replaceAll("/+$", "") + "/");
  }

  static String nodeOf(String sessionId) {
    if (sessionId == null) {
      return null;
    }
    int dot = sessionId.lastIndexOf('.');
    return dot <= 0 ? null : sessionId.substring(0, dot);
  }
}

package io.syncfabric.cli.lab;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.http.BridgeHttpServer;
import io.syncfabric.bridge.mirror.FlowHealth;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The whole multi-cloud fabric on this machine: one {@link LabCloud} per cloud of the
 * {@link LabTopology} and one MirrorMaker 2 ({@link MirrorRunner}) for every pair of clouds, both
 * ways. Clouds can be failed and restored while the rest runs, for drills.
 */
public final class Lab implements AutoCloseable {
  private final LabTopology topology;
  private final Map<String, LabCloud> clouds = new LinkedHashMap<>();
  private MirrorConfig mirrorConfig;
  private MirrorRunner mirror;
  private BridgeHttpServer mirrorHttp;

  public Lab(LabTopology topology, Path dataDir) {
    this.topology = topology;
    topology.sites().forEach(site -> clouds.put(site.cloud(), new LabCloud(site, dataDir.resolve(site.cloud()))));
  }

  /**
   * Starts every cloud's broker side by side, then the mirror (it needs only the brokers, and its
   * start overlaps what follows), then each cloud's sequencer and frontends, and waits until every
   * mirror flow carries heartbeats.
   */
  public Lab start(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutorService starter = Executors.newFixedThreadPool(clouds.size());
    try {
      List<Future<LabCloud>> brokers = new ArrayList<>();
      for (LabCloud cloud : clouds.values()) {
        brokers.add(starter.submit(() -> cloud.startBroker(timeout)));
      }
      for (Future<LabCloud> broker : brokers) {
        broker.get(); // rethrows a broker that failed to start
      }
    } finally {
      starter.shutdownNow();
    }
    if (clouds.size() > 1) {
      startMirror();
    }
    for (LabCloud cloud : clouds.values()) {
      cloud.startServices(remaining(deadline));
    }
    if (mirror != null && !mirror.awaitReady(remaining(deadline))) {
      throw new IllegalStateException("mirror flows not carrying heartbeats within " + timeout.toSeconds() + " s: " + mirror.detailsJson());
    }
    return this;
  }

  private void startMirror() {
    String clusters = clouds.values().stream().map(c -> c.cloud() + "=" + c.kafkaBootstrap()).collect(Collectors.joining(","));
    MirrorConfig config = mirrorConfig = MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "cloud", clouds.keySet().iterator().next(),
        "mirror.clusters", clusters,
        "mirror.replication.factor", "1", // one broker per cloud
        "http.port", Integer.toString(topology.mirrorPort()))));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cloud", config.cloud(), "node", "lab-mirror");
    mirror = new MirrorRunner(config, registry).start();
    mirrorHttp = new BridgeHttpServer(config.httpHost(), config.httpPort(), registry, mirror).start();
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
  }

  public LabTopology topology() {
    return topology;
  }

  public List<LabCloud> clouds() {
    return List.copyOf(clouds.values());
  }

  public LabCloud cloud(String name) {
    LabCloud cloud = clouds.get(name);
    if (cloud == null) {
      throw new IllegalArgumentException("no cloud '" + name + "' in this lab (clouds: " + String.join(", ", clouds.keySet()) + ")");
    }
    return cloud;
  }

  /** Takes a whole cloud down (broker killed, sequencer stopped, frontends halted). */
  public synchronized void fail(String name) {
    LabCloud cloud = cloud(name);
    if (!cloud.isUp()) {
      throw new IllegalStateException("cloud " + name + " is already down");
    }
    cloud.fail();
  }

  /** How long each step of bringing a cloud back took. */
  public record Restored(Duration broker, Duration services) {}

  /** Brings a failed cloud back on its old data; the mirror reconnects and catches up by itself. */
  public synchronized Restored restore(String name, Duration timeout) throws Exception {
    LabCloud cloud = cloud(name);
    if (cloud.isUp()) {
      throw new IllegalStateException("cloud " + name + " is up");
    }
    long started = System.nanoTime();
    cloud.startBroker(timeout);
    long brokerUp = System.nanoTime();
    cloud.startServices(timeout);
    return new Restored(Duration.ofNanos(brokerUp - started), Duration.ofNanos(System.nanoTime() - brokerUp));
  }

  /** One line per cloud and per mirror flow: up or down. */
  public String status() {
    StringBuilder out = new StringBuilder();
    clouds.values().forEach(c -> out.append(String.format("  cloud %-6s %s%n", c.cloud(), c.isUp() ? "up" : "DOWN")));
    if (mirror != null) {
      for (FlowHealth.Status s : mirror.flowStatus()) {
        out.append(String.format("  mirror %-10s %s%s%n", s.flow().alias(), s.state().name().toLowerCase(java.util.Locale.ROOT),
            s.sinceHeartbeat() == null ? "" : ", last heartbeat " + s.sinceHeartbeat().toMillis() + " ms ago"));
      }
    }
    return out.toString();
  }

  /** What runs where, for people. */
  public String describe() {
    StringBuilder out = new StringBuilder("SyncFabric lab: clouds " + String.join(", ", clouds.keySet()) + "\n");
    clouds.values().forEach(c -> out.append(c.describe()));
    if (mirror != null) {
      out.append(String.format("mirror (MirrorMaker 2, in this JVM)%n  flows      %s, topics %s (cloud b gets a's as a.<topic>)%n"
          + "  metrics    http://127.0.0.1:%d/metrics, health /health/ready%n",
          mirror.flows(), String.join(",", mirrorConfig.topics()), topology.mirrorPort()));
    }
    return out.toString();
  }

  public MirrorRunner mirror() {
    return mirror;
  }

  @Override
  public void close() {
    if (mirrorHttp != null) {
      mirrorHttp.close();
    }
    if (mirror != null) {
      mirror.close();
    }
    clouds.values().forEach(LabCloud::close);
  }
}

package io.syncfabric.cli.lab;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.bridge.http.BridgeHttpServer;
import io.syncfabric.bridge.sequencer.Sequencer;
import io.syncfabric.cli.LabDefaults;
import io.syncfabric.frontend.FrontendConfig;
import io.syncfabric.frontend.FrontendServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cloud of the lab: a KRaft broker in a child JVM, the sequencer and the frontends (one
 * Hazelcast cluster, {@code syncfabric-<cloud>}) in this JVM, all on 127.0.0.1, configured through
 * the same validated config as production processes. It can be taken down and started again, on
 * the same data, for failure drills.
 */
public final class LabCloud implements AutoCloseable {
  private final LabTopology.Site site;
  private final Path dataDir;
  private final KafkaBrokerProcess broker;
  private Sequencer sequencer;
  private BridgeHttpServer bridgeHttp;
  private final List<FrontendServer> frontends = new ArrayList<>();
  private volatile boolean up;

  public LabCloud(LabTopology.Site site, Path dataDir) {
    this.site = site;
    this.dataDir = dataDir;
    this.broker = new KafkaBrokerProcess(dataDir.resolve("kafka"), "127.0.0.1", site.kafkaPort(), site.controllerPort());
  }

  public String cloud() {
    return site.cloud();
  }

  public LabTopology.Site site() {
    return site;
  }

  public boolean isUp() {
    return up;
  }

  /** Starts the broker only; {@link #startServices} follows (brokers of several clouds start side by side). */
  public LabCloud startBroker(Duration timeout) throws IOException, InterruptedException {
    broker.start(timeout);
    return this;
  }

  /** Starts the sequencer and the frontends on the running broker and waits until all are ready. */
  public LabCloud startServices(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    BridgeConfig bridge = BridgeConfig.from(BridgeConfig.definition().load(null, Map.of(), Map.of(
        "cloud", site.cloud(),
        "kafka.bootstrap", broker.bootstrap(),
        "sequencer.state.dir", dataDir.resolve("sequencer").toString(),
        "http.port", Integer.toString(site.bridgePort()))));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cloud", bridge.cloud(), "node", bridge.applicationId());
    sequencer = new Sequencer(bridge, registry);
    sequencer.start();
    bridgeHttp = new BridgeHttpServer(bridge.httpHost(), bridge.httpPort(), registry, sequencer).start();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < site.frontendPorts().size(); i++) {
      members.add("127.0.0.1:" + (site.hazelcastBasePort() + i));
    }
    for (int i = 0; i < site.frontendPorts().size(); i++) {
      FrontendConfig config = FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(), Map.of(
          "cloud", site.cloud(),
          "kafka.bootstrap", broker.bootstrap(),
          "http.port", Integer.toString(site.frontendPorts().get(i)),
          "jwt.secret", LabDefaults.JWT_SECRET,
          "api.keys", LabDefaults.API_KEY,
          "hazelcast.port", Integer.toString(site.hazelcastBasePort() + i),
          "hazelcast.members", String.join(",", members))));
      frontends.add(new FrontendServer(config).start());
    }
    while (!(sequencer.isRunning() && frontends.stream().allMatch(FrontendServer::isReady))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cloud " + site.cloud() + " not ready within " + timeout.toSeconds()
            + " s (sequencer " + sequencer.state() + "); Kafka log: " + broker.logFile());
      }
      Thread.sleep(100);
    }
    up = true;
    return this;
  }

  public String kafkaBootstrap() {
    return broker.bootstrap();
  }

  public List<FrontendServer> frontends() {
    return List.copyOf(frontends);
  }

  /** What runs where in this cloud, for people. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("cloud ").append(site.cloud()).append(up ? "" : " (DOWN)").append(", data in ").append(dataDir).append('\n');
    out.append(String.format("  kafka      %-28s KRaft broker+controller, pid %d, log %s%n",
        broker.bootstrap(), broker.pid(), broker.logFile()));
    out.append(String.format("  sequencer  %-28s fabric.ingress -> fabric.events (dead letters: fabric.dlq)%n",
        "http://127.0.0.1:" + site.bridgePort() + "/metrics"));
    for (FrontendServer f : frontends) {
      out.append(String.format("  frontend   %-28s %s, health http://127.0.0.1:%d/health/ready, metrics /metrics%n",
          f.publicUrl(), f.nodeId(), f.port()));
    }
    if (!frontends.isEmpty() && frontends.get(0).hazelcast() != null) {
      out.append(String.format("  hazelcast  %-28s cluster syncfabric-%s, %d members (hot history)%n",
          "127.0.0.1:" + site.hazelcastBasePort() + "+", site.cloud(), frontends.get(0).hazelcast().memberCount()));
    }
    return out.toString();
  }

  /**
   * Takes the whole cloud down as an outage would: frontends halt (clients drop without a close
   * frame), the sequencer stops, the broker is killed. The data stays for {@link #startBroker}.
   */
  public void fail() {
    up = false;
    frontends.forEach(FrontendServer::halt);
    frontends.clear();
    stopSequencer();
    broker.kill();
  }

  /** Stops everything cleanly. */
  @Override
  public void close() {
    up = false;
    frontends.forEach(FrontendServer::close);
    frontends.clear();
    stopSequencer();
    broker.close();
  }

  private void stopSequencer() {
    if (bridgeHttp != null) {
      bridgeHttp.close();
      bridgeHttp = null;
    }
    if (sequencer != null) {
      sequencer.close();
      sequencer = null;
    }
  }
}

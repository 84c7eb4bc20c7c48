package io.syncfabric.cli.lab;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncfabric.bridge.http.BridgeHttpServer;
import io.syncfabric.bridge.BridgeConfig;
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
 * One cloud on this machine: a KRaft broker in a child JVM, the sequencer and the frontends in this
 * JVM, all on 127.0.0.1, configured through the same validated config as production processes.
 */
public final class Lab implements AutoCloseable {
  /** Where the lab puts things. */
  public record Options(Path dataDir, String cloud, int kafkaPort, int controllerPort, int bridgePort,
      List<Integer> frontendPorts, int hazelcastBasePort) {}

  private final Options options;
  private KafkaBrokerProcess broker;
  private Sequencer sequencer;
  private BridgeHttpServer bridgeHttp;
  private final List<FrontendServer> frontends = new ArrayList<>();

  public Lab(Options options) {
    this.options = options;
  }

  /** Starts everything and waits until every frontend is ready. */
  public Lab start(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    broker = new KafkaBrokerProcess(options.dataDir().resolve("kafka"), "127.0.0.1",
        options.kafkaPort(), options.controllerPort()).start(timeout);
    BridgeConfig bridge = BridgeConfig.from(BridgeConfig.definition().load(null, Map.of(), Map.of(
        "cloud", options.cloud(),
        "kafka.bootstrap", broker.bootstrap(),
        "sequencer.state.dir", options.dataDir().resolve("sequencer").toString(),
        "http.port", Integer.toString(options.bridgePort()))));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("cloud", bridge.cloud(), "node", bridge.applicationId());
    sequencer = new Sequencer(bridge, registry);
    sequencer.start();
    bridgeHttp = new BridgeHttpServer(bridge.httpHost(), bridge.httpPort(), registry, sequencer).start();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < options.frontendPorts().size(); i++) {
      members.add("127.0.0.1:" + (options.hazelcastBasePort() + i));
    }
    for (int i = 0; i < options.frontendPorts().size(); i++) {
      FrontendConfig config = FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(), Map.of(
          "cloud", options.cloud(),
          "kafka.bootstrap", broker.bootstrap(),
          "http.port", Integer.toString(options.frontendPorts().get(i)),
          "jwt.secret", LabDefaults.JWT_SECRET,
          "api.keys", LabDefaults.API_KEY,
          "hazelcast.port", Integer.toString(options.hazelcastBasePort() + i),
          "hazelcast.members", String.join(",", members))));
      frontends.add(new FrontendServer(config).start());
    }
    while (!(sequencer.isRunning() && frontends.stream().allMatch(FrontendServer::isReady))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("lab not ready within " + timeout.toSeconds() + " s (sequencer "
            + sequencer.state() + "); Kafka log: " + broker.logFile());
      }
      Thread.sleep(100);
    }
    return this;
  }

  public String kafkaBootstrap() {
    return broker.bootstrap();
  }

  public List<FrontendServer> frontends() {
    return List.copyOf(frontends);
  }

  /** What runs where, for people. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("SyncFabric lab, cloud ").append(options.cloud()).append(", data in ").append(options.dataDir()).append('\n');
    out.append(String.format("  kafka      %-28s KRaft broker+controller, pid %d, log %s%n",
        broker.bootstrap(), broker.pid(), broker.logFile()));
    out.append(String.format("  sequencer  %-28s fabric.ingress -> fabric.events (dead letters: fabric.dlq)%n",
        "http://127.0.0.1:" + bridgeHttp.port() + "/metrics"));
    for (FrontendServer f : frontends) {
      out.append(String.format("  frontend   %-28s %s, health http://127.0.0.1:%d/health/ready, metrics /metrics%n",
          f.publicUrl(), f.nodeId(), f.port()));
    }
    if (!frontends.isEmpty() && frontends.get(0).hazelcast() != null) {
      out.append(String.format("  hazelcast  %-28s cluster syncfabric-%s, %d members (hot history)%n",
          "127.0.0.1:" + options.hazelcastBasePort() + "+", options.cloud(), frontends.get(0).hazelcast().memberCount()));
    }
    return out.toString();
  }

  @Override
  public void close() {
    frontends.forEach(FrontendServer::close);
    frontends.clear();
    if (bridgeHttp != null) {
      bridgeHttp.close();
    }
    if (sequencer != null) {
      sequencer.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}

package io.syncfabric.tests.support;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.bridge.sequencer.Sequencer;
import io.syncfabric.frontend.FrontendConfig;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.auth.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fabric for one test class on the shared cluster: its own topics (prefixed), a real sequencer
 * and real Undertow frontends on ephemeral loopback ports, configured through the same validated
 * config as production.
 */
public final class TestFabric implements AutoCloseable {
  public static final String JWT_SECRET = "integration-test-secret-0123456789abcdef";
  public static final String API_KEY = "it-api-key";

  private final String prefix;
  private final String cloud;
  private final String bootstrap;
  /** Node ids and the Hazelcast cluster name: the prefix, plus the cloud for clouds other than a. */
  private final String names;
  private final Map<String, String> frontendOverrides;
  private final Map<String, String> bridgeOverrides;
  private final SimpleMeterRegistry bridgeMetrics = new SimpleMeterRegistry();
  private final List<FrontendServer> frontends = new ArrayList<>();
  private Sequencer sequencer;
  private int sequencerGeneration;
  /** Hazelcast ports for every frontend this fabric may start, so each knows all its peers. */
  private final List<Integer> hazelcastPorts = freePorts(4);

  private TestFabric(String prefix, String cloud, String bootstrap, Map<String, String> frontendOverrides,
      Map<String, String> bridgeOverrides) {
    this.prefix = prefix;
    this.cloud = cloud;
    this.bootstrap = bootstrap;
    this.names = cloud.equals("a") ? prefix : prefix + "-" + cloud;
    this.frontendOverrides = frontendOverrides;
    this.bridgeOverrides = bridgeOverrides;
  }

  /** Starts a sequencer and {@code frontends} frontends and waits until all are ready. */
  public static TestFabric start(String prefix, int frontends, Map<String, String> frontendOverrides,
      Map<String, String> bridgeOverrides) {
    return startCloud(prefix, "a", KafkaCluster.bootstrap(), frontends, frontendOverrides, bridgeOverrides);
  }

  /**
   * One cloud of a cross-cloud test: its sequencer and frontends on Kafka {@code bootstrap}, topics
   * named by {@code prefix} like every other cloud's (so MirrorMaker 2's copies line up), its own
   * Hazelcast cluster and node ids.
   */
  public static TestFabric startCloud(String prefix, String cloud, String bootstrap, int frontends,
      Map<String, String> frontendOverrides, Map<String, String> bridgeOverrides) {
    TestFabric fabric = new TestFabric(prefix, cloud, bootstrap, frontendOverrides, bridgeOverrides);
    fabric.startSequencer();
    for (int i = 0; i < frontends; i++) {
      fabric.startFrontend();
    }
    fabric.awaitReady(Duration.ofSeconds(60));
    return fabric;
  }

  public static TestFabric start(String prefix, int frontends) {
    return start(prefix, frontends, Map.of(), Map.of());
  }

  public String ingressTopic() {
    return prefix + ".ingress";
  }

  public String eventsTopic() {
    return prefix + ".events";
  }

  public String dlqTopic() {
    return prefix + ".dlq";
  }

  /** This fabric's members topic: its own, so test classes on the shared cluster never see each other's frontends. */
  public String membersTopic() {
    return prefix + ".members";
  }

  public String bootstrap() {
    return bootstrap;
  }

  public String cloud() {
    return cloud;
  }

  public List<FrontendServer> frontends() {
    return List.copyOf(frontends);
  }

  public SimpleMeterRegistry bridgeMetrics() {
    return bridgeMetrics;
  }

  public String token(String subject, List<String> channels) {
    return new TokenMinter(JWT_SECRET, Clock.systemUTC()).mint(subject, channels, Duration.ofHours(1));
  }

  /** Starts a sequencer with a fresh local state directory: its counters come back from the changelog. */
  public void startSequencer() {
    Map<String, String> values = new HashMap<>(common());
    values.put("sequencer.application.id", prefix + "-sequencer");
    values.put("sequencer.state.dir", tempDir("sequencer-state-" + (++sequencerGeneration)).toString());
    values.put("topics.rekey", prefix + ".rekey");
    values.put("topics.partitions", "6");
    values.putAll(bridgeOverrides);
    sequencer = new Sequencer(BridgeConfig.from(BridgeConfig.definition().load(null, Map.of(), values)), bridgeMetrics);
    sequencer.start();
  }

  public void stopSequencer() {
    sequencer.close();
  }

  public FrontendServer startFrontend() {
    return startFrontend(Map.of());
  }

  /** A frontend with {@code extra} settings on top of the fabric's (e.g. a public.url behind a relay). */
  public FrontendServer startFrontend(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(nextFrontendSettings());
    settings.putAll(extra);
    FrontendServer server = new FrontendServer(FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(),
        settings)));
    frontends.add(server.start());
    return server;
  }

  /** The config the next frontend of this fabric gets (same Kafka topics, same Hazelcast cluster). */
  public Map<String, String> nextFrontendSettings() {
    Map<String, String> values = new HashMap<>(common());
    values.put("http.port", "0");
    values.put("node.id", names + "-fe" + frontends.size());
    values.put("jwt.secret", JWT_SECRET);
    values.put("api.keys", API_KEY);
    values.put("hazelcast.cluster.name", "it-" + names);
    values.put("hazelcast.port", Integer.toString(hazelcastPorts.get(frontends.size() % hazelcastPorts.size())));
    values.put("hazelcast.members", String.join(",", hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    values.put("hazelcast.failure.detection.seconds", "4");
    values.putAll(frontendOverrides);
    return values;
  }

  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(sequencer.isRunning() && frontends.stream().allMatch(FrontendServer::isReady))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("fabric " + prefix + " not ready: sequencer " + sequencer.state());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Stops the sequencer and every frontend (a cloud going dark); start them again to bring it back. */
  public void stopAll() {
    frontends.forEach(FrontendServer::close);
    sequencer.close();
  }

  /** The cloud's parts die at once: frontends halted (no close frames, Hazelcast gone), sequencer stopped. */
  public void crashAll() {
    frontends.forEach(FrontendServer::halt);
    sequencer.close();
  }

  @Override
  public void close() {
    frontends.forEach(FrontendServer::close);
    if (sequencer != null) {
      sequencer.close();
    }
  }

  private Map<String, String> common() {
    return Map.of(
        "cloud", cloud,
        "kafka.bootstrap", bootstrap,
        "topics.ingress", ingressTopic(),
        "topics.events", eventsTopic(),
        "topics.dlq", dlqTopic(),
        "topics.members", membersTopic());
  }

  private static List<Integer> freePorts(int n) {
    List<java.net.ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new java.net.ServerSocket(0));
      }
      return sockets.stream().map(java.net.ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sockets.forEach(s -> {
        try {
          s.close();
        } catch (IOException ignored) {
          // best effort
        }
      });
    }
  }

  private static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("syncfabric-it-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

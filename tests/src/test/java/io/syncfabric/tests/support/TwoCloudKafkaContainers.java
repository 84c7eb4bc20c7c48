package io.syncfabric.tests.support;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Two clouds' Kafka as containers of the official {@code apache/kafka} image, for machines with a
 * Docker engine. Cloud a's container has a second listener for other clouds on a fixed host port,
 * advertised as the port of a {@link TcpLink} on this host's loopback that forwards to it:
 * MirrorMaker 2 bootstraps at the link and is told to come back there, so all its traffic with
 * cloud a crosses the link, as in {@link TwoCloudKafkaProcesses}. The relay and that advertised
 * address are on loopback, so the Docker engine must publish ports on this host (a local engine or
 * Docker Desktop, not a remote {@code DOCKER_HOST}); {@link #start()} says so if it does not.
 */
public final class TwoCloudKafkaContainers implements TwoCloudKafka {
  /**
   * The same Kafka release as the rest of the build ({@code kafka.version} in the root pom) and as
   * {@link TwoCloudKafkaProcesses}' broker, so both variants test one broker version: bump together.
   */
  private static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.3.1");
  /** Cloud a's listener for other clouds, inside its container. */
  private static final int REMOTE_PORT = 19093;
  private static final Duration READY = Duration.ofSeconds(90);

  private final KafkaContainer kafkaA;
  private final KafkaContainer kafkaB;
  private final TcpLink link;
  private boolean pausedA;

  private TwoCloudKafkaContainers(KafkaContainer kafkaA, KafkaContainer kafkaB, TcpLink link) {
    this.kafkaA = kafkaA;
    this.kafkaB = kafkaB;
    this.link = link;
  }

  /** Starts both clouds' containers (the image must be present or pullable) and the link to cloud a. */
  public static TwoCloudKafkaContainers start() throws Exception {
    requirePortsOnLoopback();
    int remoteHostPort = FreePorts.take(1).get(0);
    TcpLink link = new TcpLink(remoteHostPort);
    KafkaContainer kafkaA = new KafkaContainer(IMAGE)
        .withListener("0.0.0.0:" + REMOTE_PORT, () -> "127.0.0.1:" + link.port());
    // Fixed, not random: the advertised address is written into the broker's config at start, and
    // the link must know where to forward before the container exists.
    kafkaA.setPortBindings(List.of("127.0.0.1:" + remoteHostPort + ":" + REMOTE_PORT));
    KafkaContainer kafkaB = new KafkaContainer(IMAGE);
    try {
      Startables.deepStart(kafkaA, kafkaB).join();
    } catch (RuntimeException e) {
      kafkaA.stop();
      kafkaB.stop();
      link.close();
      throw e;
    }
    return new TwoCloudKafkaContainers(kafkaA, kafkaB, link);
  }

  @Override
  public String bootstrapA() {
    return kafkaA.getBootstrapServers();
  }

  @Override
  public String bootstrapB() {
    return kafkaB.getBootstrapServers();
  }

  @Override
  public String mirrorBootstrapA() {
    return "127.0.0.1:" + link.port();
  }

  /**
   * Pauses the container ({@code docker pause}) rather than stopping it: Testcontainers' stop removes
   * the container and its data, and a stopped container started again gets new random host ports,
   * which cloud a's parts and the broker's advertised listener no longer match. A paused broker keeps
   * its data and ports, but it does not refuse connections: the kernel still accepts them and every
   * request times out, so cloud a looks hung rather than gone to its clients and MirrorMaker 2.
   */
  @Override
  public synchronized void stopCloudA() {
    kafkaA.getDockerClient().pauseContainerCmd(kafkaA.getContainerId()).exec();
    pausedA = true;
  }

  @Override
  public synchronized void startCloudA() {
    kafkaA.getDockerClient().unpauseContainerCmd(kafkaA.getContainerId()).exec();
    pausedA = false;
    await().atMost(READY).pollInterval(Duration.ofMillis(200)).until(() -> answers(bootstrapA()));
  }

  @Override
  public TcpLink link() {
    return link;
  }

  @Override
  public synchronized void close() {
    if (pausedA) { // a scenario failed while cloud a was dark: stop it as a running broker
      kafkaA.getDockerClient().unpauseContainerCmd(kafkaA.getContainerId()).exec();
    }
    kafkaA.stop();
    kafkaB.stop();
    link.close();
  }

  private static boolean answers(String bootstrap) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private static void requirePortsOnLoopback() throws Exception {
    String host = DockerClientFactory.instance().dockerHostIpAddress();
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalStateException("the Docker engine publishes ports on " + host + ", not this host's loopback,"
          + " where the link between the clouds relays MirrorMaker 2's traffic; run with a local engine");
    }
  }
}

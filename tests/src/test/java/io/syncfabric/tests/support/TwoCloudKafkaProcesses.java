package io.syncfabric.tests.support;

import io.syncfabric.cli.lab.KafkaBrokerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Two clouds' Kafka without Docker: cloud a's broker in a child JVM ({@link KafkaBrokerProcess}), so
 * it can be stopped and started again on its data directory; cloud b's the shared in-process test
 * cluster "b". Cloud a's broker has a second listener for other clouds, advertised on a
 * {@link TcpLink}'s port: MirrorMaker 2 bootstraps there and is told to come back there, so all its
 * traffic with cloud a crosses the link.
 */
public final class TwoCloudKafkaProcesses implements TwoCloudKafka {
  private static final Duration READY = Duration.ofSeconds(90);

  private final KafkaBrokerProcess brokerA;
  private final TcpLink link;
  private final String bootstrapB;

  private TwoCloudKafkaProcesses(KafkaBrokerProcess brokerA, TcpLink link, String bootstrapB) {
    this.brokerA = brokerA;
    this.link = link;
    this.bootstrapB = bootstrapB;
  }

  /** Starts cloud a's broker and the link to it, and cloud b's cluster if this JVM has none yet. */
  public static TwoCloudKafkaProcesses start() throws Exception {
    List<Integer> ports = FreePorts.take(3); // cloud a: clients, controller, other clouds
    TcpLink link = new TcpLink(ports.get(2));
    KafkaBrokerProcess brokerA = new KafkaBrokerProcess(Files.createTempDirectory("syncfabric-it-cloud-a-"),
        "127.0.0.1", ports.get(0), ports.get(1)).withRemoteListener(ports.get(2), link.port());
    try {
      brokerA.start(READY);
    } catch (Exception e) {
      link.close();
      throw e;
    }
    return new TwoCloudKafkaProcesses(brokerA, link, KafkaCluster.bootstrap("b"));
  }

  @Override
  public String bootstrapA() {
    return brokerA.bootstrap();
  }

  @Override
  public String bootstrapB() {
    return bootstrapB;
  }

  @Override
  public String mirrorBootstrapA() {
    return brokerA.remoteBootstrap();
  }

  /** SIGKILL, as a lost machine: the same data directory serves {@link #startCloudA()} (after log recovery). */
  @Override
  public void stopCloudA() {
    brokerA.kill();
  }

  @Override
  public void startCloudA() throws Exception {
    brokerA.start(READY);
  }

  @Override
  public TcpLink link() {
    return link;
  }

  /** Stops cloud a's broker and the link; cloud b's cluster is shared and stops with the test JVM's session. */
  @Override
  public void close() {
    brokerA.close();
    link.close();
  }
}

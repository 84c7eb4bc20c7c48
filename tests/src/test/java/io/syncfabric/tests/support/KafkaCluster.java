package io.syncfabric.tests.support;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real KRaft Kafka cluster (combined broker + controller) per test JVM, started on first use
 * and stopped when the JUnit launcher session closes ({@link StopSharedParts}). Tests isolate
 * themselves with their own topic names, not their own broker.
 *
 * <p>Not stopped from a JVM shutdown hook: the test kit's own hook deletes the log directories at
 * exit, and a broker that sees its log directory vanish mid-shutdown halts the JVM with status 1,
 * which failsafe reports as a failed fork although every test passed.
 */
public final class KafkaCluster {
  private static KafkaClusterTestKit cluster;

  private KafkaCluster() {}

  public static synchronized String bootstrap() {
    if (cluster == null) {
      cluster = start();
    }
    return cluster.bootstrapServers();
  }

  /** Stops the cluster if one was started; a later {@link #bootstrap()} starts a fresh one. */
  public static synchronized void stop() throws Exception {
    if (cluster != null) {
      KafkaClusterTestKit running = cluster;
      cluster = null;
      running.close();
    }
  }

  private static KafkaClusterTestKit start() {
    try {
      KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
          .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("num.partitions", "6")
          .build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test Kafka cluster", e);
    }
  }
}

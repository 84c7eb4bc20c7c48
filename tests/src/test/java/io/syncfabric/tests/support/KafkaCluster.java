package io.syncfabric.tests.support;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real KRaft Kafka cluster (combined broker + controller) per test JVM, started on first use
 * and stopped at JVM exit. Tests isolate themselves with their own topic names, not their own broker.
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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          kit.close();
        } catch (Exception e) {
          // JVM is exiting anyway
        }
      }, "kafka-test-cluster-stop"));
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test Kafka cluster", e);
    }
  }
}

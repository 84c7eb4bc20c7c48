package io.syncfabric.tests.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Real KRaft Kafka clusters (combined broker + controller), one per name per test JVM, started on
 * first use and stopped when the JUnit launcher session closes ({@link StopSharedParts}). Most tests
 * use the default cluster; cross-cloud tests add {@code bootstrap("b")}. Tests isolate themselves
 * with their own topic names, not their own broker.
 *
 * <p>Not stopped from a JVM shutdown hook: the test kit's own hook deletes the log directories at
 * exit, and a broker that sees its log directory vanish mid-shutdown halts the JVM with status 1,
 * which failsafe reports as a failed fork although every test passed.
 */
public final class KafkaCluster {
  private static final Map<String, KafkaClusterTestKit> CLUSTERS = new LinkedHashMap<>();

  private KafkaCluster() {}

  /** The default cluster (cloud "a" in cross-cloud tests). */
  public static String bootstrap() {
    return bootstrap("a");
  }

  /** The cluster named {@code name}, started on first use (a second one in the same JVM takes ~0.2 s). */
  public static synchronized String bootstrap(String name) {
    return CLUSTERS.computeIfAbsent(name, n -> start()).bootstrapServers();
  }

  /** Stops every cluster started; a later {@link #bootstrap()} starts a fresh one. */
  public static synchronized void stop() throws Exception {
    Exception first = null;
    for (KafkaClusterTestKit running : CLUSTERS.values()) {
      try {
        running.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    CLUSTERS.clear();
    if (first != null) {
      throw first;
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

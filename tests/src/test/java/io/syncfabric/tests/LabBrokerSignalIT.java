package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.cli.lab.KafkaBrokerProcess;
import io.syncfabric.tests.support.FreePorts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab's broker child JVM outlives a SIGTERM (Ctrl-C signals the whole process group) so the
 * lab can stop its frontends, mirrors and sequencers against a live broker first, and stops
 * cleanly as soon as the lab closes its pipe.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LabBrokerSignalIT {

  @Test
  void aSignalledBrokerKeepsServingUntilTheLabLetsItGo() throws Exception {
    try (KafkaBrokerProcess broker = startBroker()) {
      ProcessHandle process = ProcessHandle.of(broker.pid()).orElseThrow();

      process.destroy(); // SIGTERM, as the process group gets on Ctrl-C
      Thread.sleep(2_000);
      assertThat(process.isAlive()).as("alive 2 s after SIGTERM").isTrue();
      assertThat(clusterNodes(broker.bootstrap())).as("and still serving").isEqualTo(1);

      long closing = System.nanoTime();
      broker.close();
      assertThat(process.isAlive()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("a clean stop, not the 15 s kill")
          .isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void aSignalledBrokerWhoseLabNeverLetsGoStopsAfterTheGracePeriod() throws Exception {
    try (KafkaBrokerProcess broker = startBroker()) {
      ProcessHandle process = ProcessHandle.of(broker.pid()).orElseThrow();

      process.destroy();
      await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()); // 30 s grace, then a clean stop
    }
  }

  private static KafkaBrokerProcess startBroker() throws Exception {
    List<Integer> ports = FreePorts.take(2);
    return new KafkaBrokerProcess(Files.createTempDirectory("syncfabric-it-signal-"), "127.0.0.1", ports.get(0),
        ports.get(1)).start(Duration.ofSeconds(90));
  }

  private static int clusterNodes(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
    }
  }
}

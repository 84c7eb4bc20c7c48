package io.syncfabric.tests;

import io.syncfabric.tests.support.TwoCloudKafka;
import io.syncfabric.tests.support.TwoCloudKafkaContainers;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same two-cloud scenarios on the official Kafka image, one container per cloud, where a Docker
 * engine runs; skipped, not failed, where none does. Cloud a going dark is its container paused and
 * MirrorMaker 2 reaches cloud a through a relay on this host, so the link cut is the same as in
 * {@link MultiCloudIT}; see {@link TwoCloudKafkaContainers} for how, and what the engine must allow.
 */
@Testcontainers(disabledWithoutDocker = true)
class MultiCloudContainersIT extends TwoCloudScenario {

  @Override
  protected TwoCloudKafka startKafka() throws Exception {
    return TwoCloudKafkaContainers.start();
  }
}

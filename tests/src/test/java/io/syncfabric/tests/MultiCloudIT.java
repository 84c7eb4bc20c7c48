package io.syncfabric.tests;

import io.syncfabric.tests.support.TwoCloudKafka;
import io.syncfabric.tests.support.TwoCloudKafkaProcesses;

/**
 * The two-cloud scenarios without Docker: cloud a's Kafka broker in a child JVM (stopped and started
 * again with its data when the cloud goes dark), cloud b's in this JVM, and a {@link
 * io.syncfabric.tests.support.TcpLink} relay between MirrorMaker 2 and cloud a that the link cut drops.
 */
class MultiCloudIT extends TwoCloudScenario {

  @Override
  protected TwoCloudKafka startKafka() throws Exception {
    return TwoCloudKafkaProcesses.start();
  }
}

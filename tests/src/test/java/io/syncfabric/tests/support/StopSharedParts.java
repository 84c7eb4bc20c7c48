package io.syncfabric.tests.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the suite-wide Kafka cluster once every test class has run, while the JVM is still whole
 * (see {@link KafkaCluster} for why not at exit). Registered through META-INF/services.
 */
public final class StopSharedParts implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    try {
      KafkaCluster.stop();
    } catch (Exception e) {
      // Reported, not thrown: the tests have finished and their results stand.
      System.err.println("stopping the test Kafka cluster failed: " + e);
    }
  }
}

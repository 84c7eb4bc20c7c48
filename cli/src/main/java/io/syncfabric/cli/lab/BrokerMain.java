package io.syncfabric.cli.lab;

import java.io.IOException;

/**
 * Entry point of the lab's broker child JVM: runs {@code kafka.Kafka} and exits when the parent's
 * pipe on standard input closes, so a lab killed with SIGKILL never leaves an orphan broker.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; EOF means it is gone
        }
      } catch (IOException e) {
        // same: the pipe is broken
      }
      System.exit(0); // Kafka's shutdown hook stops the broker cleanly
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    kafka.Kafka.main(args);
  }
}

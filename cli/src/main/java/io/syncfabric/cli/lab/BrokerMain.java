package io.syncfabric.cli.lab;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Entry point of the lab's broker child JVM: runs {@code kafka.Kafka} and stops when the parent's
 * pipe on standard input closes: when the lab stops it, and when the lab is gone (a lab killed
 * with SIGKILL never leaves an orphan broker).
 *
 * <p>SIGINT and SIGTERM alone do not stop it at once. Ctrl-C in a terminal (and {@code timeout})
 * signal the whole process group, broker included; a broker that went first would leave every
 * frontend, mirror and sequencer of the lab retrying a dead bootstrap while they stop. After a
 * signal the broker waits for the lab to close the pipe, at most {@link #SIGNAL_GRACE_SECONDS}.
 */
public final class BrokerMain {
  static final int SIGNAL_GRACE_SECONDS = 30;

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch parentGone = new CountDownLatch(1);
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the parent never writes; EOF means it is done with us or gone
        }
      } catch (IOException e) {
        // same: the pipe is broken
      }
      parentGone.countDown();
      System.exit(0); // Kafka's shutdown hook stops the broker cleanly
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> {
        Thread grace = new Thread(() -> {
          try {
            parentGone.await(SIGNAL_GRACE_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          System.exit(0);
        }, "signal-grace");
        grace.setDaemon(true);
        grace.start();
      });
    }
    kafka.Kafka.main(args);
  }
}

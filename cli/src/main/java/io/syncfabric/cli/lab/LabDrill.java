package io.syncfabric.cli.lab;

import java.io.PrintStream;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Failure drills on a running lab: a whole cloud goes down and comes back, saying what it does and
 * how long each step took. Used by {@code --fail-cloud} and by the lab's {@code fail}/{@code restore}
 * commands.
 */
public final class LabDrill {
  // Kafka clients of the other clouds' mirror flows retry the dead broker every second and warn
  // each time; the drill says once what is happening instead.
  private static final String RECONNECT_LOGGER = "org.apache.kafka.clients.NetworkClient";

  private final Lab lab;
  private final PrintStream out;
  private final Duration startTimeout;

  public LabDrill(Lab lab, PrintStream out, Duration startTimeout) {
    this.lab = lab;
    this.out = out;
    this.startTimeout = startTimeout;
  }

  /** Takes cloud {@code name} down: broker killed, sequencer stopped, frontends halted. */
  public void fail(String name) {
    LabCloud cloud = lab.cloud(name);
    out.printf("drill: cloud %s goes down: halting frontends %s, stopping its sequencer, killing Kafka %s%n",
        name, cloud.site().frontendPorts(), cloud.kafkaBootstrap());
    long started = System.nanoTime();
    Configurator.setLevel(RECONNECT_LOGGER, Level.ERROR);
    lab.fail(name);
    out.printf("drill: cloud %s is down (%.1f s). Its clients reconnect to another cloud; mirror flows to and from %s"
        + " stop and show as down in /health/ready of the mirror after mirror.stall.seconds. Type 'status' to watch.%n",
        name, seconds(started), name);
  }

  /** Starts cloud {@code name} again on its old data. */
  public void restore(String name) throws Exception {
    out.printf("drill: restoring cloud %s (Kafka on its old data, sequencer, frontends)...%n", name);
    long started = System.nanoTime();
    lab.restore(name, startTimeout);
    boolean flowing = lab.mirror() == null || lab.mirror().awaitReady(startTimeout);
    if (lab.clouds().stream().allMatch(LabCloud::isUp)) {
      Configurator.setLevel(RECONNECT_LOGGER, Level.WARN);
    }
    out.printf("drill: cloud %s is back (%.1f s); mirror %s%n", name, seconds(started),
        flowing ? "carries heartbeats on every flow again: what was published meanwhile is being caught up"
            : "not yet flowing on every flow: " + lab.mirror().detailsJson());
  }

  /** {@link #fail}, wait {@code downFor}, {@link #restore}. */
  public void failFor(String name, Duration downFor) throws Exception {
    fail(name);
    out.printf("drill: cloud %s stays down for %d s%n", name, downFor.toSeconds());
    Thread.sleep(downFor.toMillis());
    restore(name);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}

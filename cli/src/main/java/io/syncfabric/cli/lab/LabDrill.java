package io.syncfabric.cli.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Failure drills on a running lab: a whole cloud goes down and comes back, saying what it does and
 * how long each step took. Used by {@code --fail-cloud} and by the lab's {@code fail}/{@code restore}
 * commands.
 */
public final class LabDrill {
  // While a cloud is down, the Kafka clients of the mirror flows to and from it warn at every retry
  // (reconnects, NOT_LEADER while its broker recovers) and MirrorMaker 2's workers log their tasks'
  // failed shutdown with stack traces: hundreds of lines that say what the drill says once.
  private static final List<String> OUTAGE_LOGGERS = List.of(
      "org.apache.kafka.clients.NetworkClient",
      "org.apache.kafka.clients.producer.internals.Sender",
      "org.apache.kafka.connect.runtime.Worker",
      "org.apache.kafka.connect.runtime.WorkerTask");

  private final Lab lab;
  private final PrintStream out;
  private final Duration startTimeout;
  private final Map<String, Level> mutedLevels = new HashMap<>();

  public LabDrill(Lab lab, PrintStream out, Duration startTimeout) {
    this.lab = lab;
    this.out = out;
    this.startTimeout = startTimeout;
  }

  /** Takes cloud {@code name} down: broker killed, sequencer stopped, frontends halted. */
  public synchronized void fail(String name) {
    LabCloud cloud = lab.cloud(name);
    out.printf("drill: cloud %s goes down: halting frontends %s, stopping its sequencer, killing Kafka %s%n",
        name, cloud.site().frontendPorts(), cloud.kafkaBootstrap());
    long started = System.nanoTime();
    if (mutedLevels.isEmpty()) {
      OUTAGE_LOGGERS.forEach(logger -> mutedLevels.put(logger, LogManager.getLogger(logger).getLevel()));
      OUTAGE_LOGGERS.forEach(logger -> Configurator.setLevel(logger, Level.OFF));
    }
    lab.fail(name);
    out.printf("drill: cloud %s is down (%.1f s). Its clients reconnect to another cloud; mirror flows to and from %s"
        + " stop and show as down in the mirror's /health/ready after mirror.stall.seconds (Kafka client and"
        + " MirrorMaker 2 retry warnings are muted until every cloud is back). Type 'status' to watch.%n",
        name, seconds(started), name);
  }

  /** Starts cloud {@code name} again on its old data. */
  public synchronized void restore(String name) throws Exception {
    out.printf("drill: restoring cloud %s (Kafka on its old data, sequencer, frontends)...%n", name);
    long started = System.nanoTime();
    Lab.Restored restored = lab.restore(name, startTimeout);
    out.printf("drill: cloud %s: Kafka answered after %.1f s, sequencer and frontends ready %.1f s later%n",
        name, restored.broker().toMillis() / 1000.0, restored.services().toMillis() / 1000.0);
    boolean flowing = lab.mirror() == null || lab.mirror().awaitReady(startTimeout);
    if (lab.clouds().stream().allMatch(LabCloud::isUp)) {
      mutedLevels.forEach(Configurator::setLevel);
      mutedLevels.clear();
    }
    out.printf("drill: cloud %s is back (%.1f s in all); mirror %s%n", name, seconds(started),
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

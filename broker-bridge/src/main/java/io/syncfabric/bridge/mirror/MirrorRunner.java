package io.syncfabric.bridge.mirror;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncfabric.bridge.http.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Kafka's own MirrorMaker 2 in this JVM for every flow of a {@link MirrorConfig}, and watches
 * it: each second it reads MirrorMaker 2's metrics into per-flow meters and judges each flow's
 * health from its heartbeats. Ready when every flow's heartbeats arrive.
 *
 * <p>MirrorMaker 2 does not always come back by itself after losing a cluster or the link to it:
 * the Connect worker of a flow whose group lives on that cluster can stay without running tasks
 * long after the cluster is back (seen in MultiCloudIT's 30 s link cut). So a flow down for
 * {@link MirrorRestartPolicy}'s time restarts MirrorMaker 2 (it resumes from its committed offsets; copies it
 * sends twice are dropped by the frontends), then waits twice as long before the next restart, up to
 * five minutes, until every flow is up again.
 */
public final class MirrorRunner implements Readiness, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MirrorRunner.class);

  private final MirrorConfig config;
  private volatile MirrorMaker mirrorMaker;
  private final MirrorRestartPolicy restartPolicy;
  private final MirrorMBeans beans;
  private final FlowHealth health;
  private final MirrorMetrics metrics;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mirror-sampler");
    t.setDaemon(true);
    return t;
  });
  private final Map<MirrorFlow, FlowHealth.State> reported = new java.util.HashMap<>(); // sampler thread only
  private volatile boolean running;

  public MirrorRunner(MirrorConfig config, MeterRegistry registry) {
    this(config, registry, Clock.systemUTC());
  }

  public MirrorRunner(MirrorConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.mirrorMaker = newMirrorMaker();
    this.restartPolicy = new MirrorRestartPolicy(Duration.ofSeconds(Math.max(30, 2L * config.stallSeconds())), clock);
    this.beans = new MirrorMBeans(config.runFlows());
    this.health = new FlowHealth(config.runFlows(), Duration.ofSeconds(config.stallSeconds()), clock);
    this.metrics = new MirrorMetrics(registry, config.runFlows(), health);
  }

  /** Starts MirrorMaker 2 (its herders connect in the background) and the sampling. */
  public MirrorRunner start() {
    mirrorMaker.start();
    running = true;
    sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    log.info("mirror started: flows {}, topics {}", config.runFlows(), config.topics());
    return this;
  }

  private void sample() {
    try {
      Map<MirrorFlow, FlowSample> samples = beans.read();
      metrics.update(samples);
      samples.forEach((flow, s) -> health.observe(flow, s.heartbeats()));
      for (FlowHealth.Status status : health.all()) {
        // a flow goes down by time passing, not by a sample: compare with what was last reported
        if (reported.put(status.flow(), status.state()) != status.state()) {
          log.info("mirror flow {} is {}{}", status.flow(), status.state().name().toLowerCase(java.util.Locale.ROOT),
              status.sinceHeartbeat() == null ? "" : " (last heartbeat " + status.sinceHeartbeat().toSeconds() + " s ago)");
        }
      }
      restartIfStuck();
    } catch (RuntimeException e) {
      log.warn("reading MirrorMaker 2 metrics failed", e); // next second tries again
    }
  }

  private void restartIfStuck() {
    Duration waited = restartPolicy.backoff();
    if (!restartPolicy.restartNow(health.all())) {
      return;
    }
    log.warn("mirror flows {} down for {} s: restarting MirrorMaker 2", health.all().stream()
        .filter(s -> s.state() == FlowHealth.State.DOWN).map(s -> s.flow().alias()).toList(), waited.toSeconds());
    metrics.restarted();
    MirrorMaker stuck = mirrorMaker;
    Thread stopper = new Thread(() -> {
      stuck.stop(); // may take long with tasks stuck on a lost cluster: not on the sampler's thread
      stuck.awaitStop();
    }, "mirror-stop-stuck");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    MirrorMaker fresh = newMirrorMaker();
    fresh.start();
    mirrorMaker = fresh;
  }

  /** MirrorMaker 2 for the flows this process runs ({@code mirror.targets}). */
  private MirrorMaker newMirrorMaker() {
    return new MirrorMaker(MirrorMakerProperties.from(config), config.targets().isEmpty() ? null : config.targets());
  }

  public List<MirrorFlow> flows() {
    return config.runFlows();
  }

  public List<FlowHealth.Status> flowStatus() {
    return health.all();
  }

  /** The latest metrics of one flow. */
  public FlowSample sample(MirrorFlow flow) {
    return metrics.latest(flow);
  }

  public boolean isRunning() {
    return running;
  }

  /** Waits (bounded) until every flow's heartbeats arrive. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  @Override
  public boolean ready() {
    return running && health.allUp();
  }

  @Override
  public String detailsJson() {
    return health.all().stream()
        .map(s -> "\"" + s.flow().alias() + "\":{\"state\":\"" + s.state().name().toLowerCase(java.util.Locale.ROOT)
            + "\",\"heartbeatAgeMs\":" + (s.sinceHeartbeat() == null ? "null" : s.sinceHeartbeat().toMillis()) + "}")
        .collect(Collectors.joining(",", "{\"running\":" + running + ",\"flows\":{", "}}"));
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    sampler.shutdownNow();
    mirrorMaker.stop();
    mirrorMaker.awaitStop();
  }
}

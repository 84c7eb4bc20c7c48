package io.syncfabric.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.syncfabric.bench.load.ChannelPlan;
import io.syncfabric.bench.load.LoadDriver;
import io.syncfabric.bench.load.SourceAddresses;
import io.syncfabric.bench.load.Target;
import io.syncfabric.bench.measure.CpuWindow;
import io.syncfabric.bench.measure.EventsTopicProbe;
import io.syncfabric.bench.measure.FrontendHeaps;
import io.syncfabric.bench.measure.ListeningProcess;
import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bench.measure.ProgressLine;
import io.syncfabric.bench.publish.PacedPublisher;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.frontend.auth.TokenMinter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One bench run, start to end: mint tokens, read the frontends' heap, open and subscribe the
 * connections, read the heap again, publish through Kafka (warm-up, then the measured window),
 * wait for the last deliveries, and sum it all up.
 */
public final class BenchRun {
  /** Connections a frontend accepts from one source address by default is 5,000: stay under it. */
  static final int PER_ADDRESS = 4_000;
  /** File descriptors the harness keeps for itself (Kafka client, jars, HTTP). */
  static final int SPARE_FILES = 300;

  private final BenchConfig config;
  private final PrintStream progress;

  public BenchRun(BenchConfig config, PrintStream progress) {
    this.config = config;
    this.progress = progress;
  }

  public BenchSummary run() throws IOException, InterruptedException {
    String startedAt = Instant.now().toString();
    List<Target> targets = config.urls().stream().map(Target::of).toList();
    checkLoopback(config.kafka());
    checkOpenFiles(config.connections(), maxOpenFiles());
    String prefix = config.channelPrefix() != null ? config.channelPrefix()
        : "bench:" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ":";
    ChannelPlan plan = new ChannelPlan(prefix, config.connections(), config.channels(), config.subscriptionsPerConnection());
    int perFrontend = (config.connections() + targets.size() - 1) / targets.size();
    SourceAddresses sources = new SourceAddresses(config.sourceAddresses() > 0 ? config.sourceAddresses()
        : SourceAddresses.needed(perFrontend, PER_ADDRESS));
    String[] tokens = mintTokens(prefix);

    LoadStats stats = new LoadStats();
    FrontendHeaps heaps = config.measureHeap() ? new FrontendHeaps(targets) : null;
    if (heaps != null) {
      heaps.readBefore();
    }
    try (Publisher publisher = Publisher.builder().bootstrapServers(config.kafka()).topic(config.ingressTopic())
            .producerProperty(ProducerConfig.LINGER_MS_CONFIG, 1).build();
         LoadDriver driver = new LoadDriver(targets, sources, plan, i -> tokens[i], stats, config.ioThreads(),
             config.maxOpening())) {
      PacedPublisher warmup = new PacedPublisher(publisher, plan, stats);
      PacedPublisher measured = new PacedPublisher(publisher, plan, stats);
      LongSupplier published = () -> warmup.sent() + measured.sent();
      try (ProgressLine line = new ProgressLine(stats, published, progress);
           EventsTopicProbe events = config.eventsTopic() == null ? null
               : new EventsTopicProbe(config.kafka(), config.eventsTopic())) {
        line.phase("ramp");
        long rampStart = System.nanoTime();
        long rampDeadline = rampStart + TimeUnit.SECONDS.toNanos(config.rampTimeoutSeconds());
        driver.openAll(config.rampRate(), rampDeadline);
        awaitSubscribed(stats, plan, rampDeadline);
        long rampEnd = stats.lastConnectedNanos();
        double rampSeconds = Math.max(1e-3, (rampEnd - rampStart) / 1e9);

        BenchSummary.Heap heap = null;
        if (heaps != null) {
          line.phase("heap");
          double share = (double) stats.connected() / config.connections();
          Map<String, Long> assigned = new HashMap<>();
          for (int i = 0; i < config.connections(); i++) {
            assigned.merge(heaps.keyOf(targets.get(i % targets.size())), 1L, Long::sum);
          }
          heap = heaps.readAfter(key -> Math.round(assigned.getOrDefault(key, 0L) * share));
        }
        if (config.warmupSeconds() > 0 && config.rate() > 0) {
          line.phase("warmup");
          warmup.run(config.rate(), config.warmupSeconds());
          awaitDeliveries(stats::deliveredBeforeWindow, warmup.expectedDeliveries(), config.drainSeconds());
        }
        line.phase("measure");
        List<Long> frontendPids = targets.stream().map(t -> ListeningProcess.pidOf(t.address().getPort()))
            .filter(java.util.OptionalLong::isPresent).map(java.util.OptionalLong::getAsLong).distinct().toList();
        CpuWindow cpu = new CpuWindow(frontendPids);
        long from = System.currentTimeMillis();
        stats.measureFrom(from);
        if (events != null) {
          events.measureFrom(from);
        }
        line.startMeasuring();
        long t0 = System.nanoTime();
        if (config.rate() > 0) {
          measured.run(config.rate(), config.durationSeconds());
        } else {
          TimeUnit.SECONDS.sleep(config.durationSeconds());
        }
        double window = (System.nanoTime() - t0) / 1e9;
        long deliveredInWindow = stats.delivered();
        line.phase("drain");
        long expected = measured.expectedDeliveries();
        awaitDeliveries(stats::delivered, expected, config.drainSeconds());
        Histogram latency = line.stopMeasuring();
        BenchSummary.Cpu cpuUsed = cpu.end(stats.delivered());
        long delivered = stats.delivered();
        return new BenchSummary(startedAt, view(sources.count()), config.connections(), stats.connected(),
            stats.connected() / rampSeconds, rampSeconds, stats.subscribed(), measured.acked(),
            measured.acked() / window, deliveredInWindow / window, delivered, expected,
            Math.max(0, expected - delivered), stats.missing(), stats.outOfOrderCount(), latency(latency),
            events == null ? null : latency(events.total()),
            stats.errorCount(), stats.errorsByKind(), heap, cpuUsed, machine());
      }
    }
  }

  private String[] mintTokens(String prefix) {
    TokenMinter minter = new TokenMinter(config.jwtSecret(), Clock.systemUTC());
    Duration ttl = Duration.ofSeconds(config.maxSeconds() + 3_600);
    String[] tokens = new String[config.connections()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = minter.mint("bench-" + i, List.of(prefix + "*"), ttl);
    }
    return tokens;
  }

  /** Waits until every subscription is confirmed, the deadline passes, or nothing moved for 10 s. */
  private static void awaitSubscribed(LoadStats stats, ChannelPlan plan, long deadline) throws InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    while (stats.subscribed() < plan.subscriptions() && System.nanoTime() < deadline) {
      long now = stats.subscribed() + stats.errorCount();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(10)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Waits until {@code target} deliveries arrived, nothing arrived for 3 s, or {@code seconds} passed. */
  private static void awaitDeliveries(LongSupplier delivered, long target, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long last = delivered.getAsLong();
    long lastChange = System.nanoTime();
    while (delivered.getAsLong() < target && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
      long now = delivered.getAsLong();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
    }
  }

  private static BenchSummary.Latency latency(Histogram h) {
    return new BenchSummary.Latency(h.getTotalCount(), Math.round(h.getMean() * 100) / 100.0,
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), h.getMaxValue());
  }

  private BenchSummary.BenchConfigView view(int sourceAddresses) {
    return new BenchSummary.BenchConfigView(config.urls(), config.kafka(), config.connections(), config.channels(),
        config.subscriptionsPerConnection(), config.rate(), config.durationSeconds(), config.warmupSeconds(),
        config.ioThreads(), sourceAddresses);
  }

  private static BenchSummary.Machine machine() {
    return new BenchSummary.Machine(Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), maxOpenFiles());
  }

  /** Every bootstrap server must be on loopback: the harness never sends traffic off this machine. */
  static void checkLoopback(String bootstrap) {
    for (String server : bootstrap.split(",")) {
      String host = server.trim().replaceFirst(":\\d+$", "").replace("[", "").replace("]", "");
      try {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
          throw new IllegalArgumentException("--kafka " + server + ": the harness publishes to loopback addresses only");
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("--kafka " + server + ": unknown host");
      }
    }
  }

  /** One socket per connection: refuse a run this process cannot hold, and say what to do instead. */
  static void checkOpenFiles(int connections, long maxOpenFiles) {
    if (maxOpenFiles > 0 && connections + SPARE_FILES > maxOpenFiles) {
      throw new IllegalArgumentException("--connections " + connections + " needs more open files than this process may have ("
          + maxOpenFiles + "): run several ./fabric bench processes, each with a share");
    }
  }

  private static long maxOpenFiles() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
  }
}

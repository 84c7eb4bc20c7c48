package io.syncfabric.cli;

import io.syncfabric.bench.BenchConfig;
import io.syncfabric.bench.BenchRun;
import io.syncfabric.bench.BenchSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./fabric bench}: drives a running lab (cloud a by default) or any frontends with N
 * WebSocket connections on C channels while publishing through Kafka, and reports deliveries/s,
 * latency percentiles, connections/s, errors and heap per connection. Exit 0 only when nothing
 * failed and nothing was lost.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Load harness: open connections, subscribe, publish through Kafka, measure.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--url", description = "Frontend WebSocket URL, repeatable (loopback only). Default: the lab's cloud a, ws://127.0.0.1:8080/v1/ws and :8081.")
  List<String> urls;

  @Option(names = "--kafka", defaultValue = LabDefaults.KAFKA, description = "Kafka bootstrap servers (loopback only). Default: ${DEFAULT-VALUE}.")
  String kafka;

  @Option(names = "--topic", defaultValue = "fabric.ingress", description = "Ingress topic. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--events-topic", defaultValue = "fabric.events",
      description = "Events topic, read to time the sequencer hop apart ('' to skip). Default: ${DEFAULT-VALUE}.")
  String eventsTopic;

  @Option(names = "--connections", defaultValue = "1000", description = "WebSocket connections. Default: ${DEFAULT-VALUE}.")
  int connections;

  @Option(names = "--channels", defaultValue = "100", description = "Channels, subscribers spread evenly. Default: ${DEFAULT-VALUE}.")
  int channels;

  @Option(names = "--subscriptions", defaultValue = "1", description = "Channels per connection. Default: ${DEFAULT-VALUE}.")
  int subscriptions;

  @Option(names = "--rate", defaultValue = "1000", description = "Messages published per second (0: none). Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--duration", defaultValue = "10", description = "Seconds of measured publishing. Default: ${DEFAULT-VALUE}.")
  int duration;

  @Option(names = "--warmup", defaultValue = "0", description = "Seconds of unmeasured publishing first (JIT warm-up). Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--ramp-rate", defaultValue = "0", description = "New connections per second (0: as fast as accepted). Default: ${DEFAULT-VALUE}.")
  int rampRate;

  @Option(names = "--max-opening", defaultValue = "1000", description = "Handshakes in flight at once. Default: ${DEFAULT-VALUE}.")
  int maxOpening;

  @Option(names = "--io-threads", defaultValue = "1", description = "Harness selector threads. Default: ${DEFAULT-VALUE}.")
  int ioThreads;

  @Option(names = "--source-addresses", defaultValue = "0", description = "Loopback source addresses 127.0.0.2... (0: enough for the per-address limit). Default: ${DEFAULT-VALUE}.")
  int sourceAddresses;

  @Option(names = "--secret", description = "The frontends' JWT secret (default: FABRIC_JWT_SECRET, else the lab's).")
  String secret;

  @Option(names = "--no-heap", description = "Do not read the frontends' heap (/metrics) before and after the ramp.")
  boolean noHeap;

  @Option(names = "--ramp-timeout", defaultValue = "120", description = "Seconds the ramp may take. Default: ${DEFAULT-VALUE}.")
  int rampTimeout;

  @Option(names = "--drain", defaultValue = "30", description = "Seconds to wait for the last deliveries. Default: ${DEFAULT-VALUE}.")
  int drain;

  @Option(names = "--json", description = "Write the summary as JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    List<String> targets = urls != null && !urls.isEmpty() ? urls
        : List.of(LabDefaults.WS_URL, LabDefaults.WS_URL.replace(":8080/", ":8081/"));
    String jwt = secret != null ? secret : System.getenv().getOrDefault("FABRIC_JWT_SECRET", LabDefaults.JWT_SECRET);
    BenchConfig config = new BenchConfig(targets, kafka, topic, eventsTopic.isBlank() ? null : eventsTopic, connections, channels, subscriptions, rate, duration,
        warmup, rampRate, maxOpening, ioThreads, sourceAddresses, jwt, !noHeap, rampTimeout, drain, null, json);
    BenchSummary s = new BenchRun(config, System.err).run();
    print(s);
    if (json != null) {
      s.writeJson(json);
      System.out.println("summary written to " + json);
    }
    return s.clean() ? 0 : 1;
  }

  private static void print(BenchSummary s) {
    var l = s.latencyMs();
    System.out.printf(Locale.ROOT, "connections   %d of %d (%.0f/s over %.2f s of ramp), %d subscriptions%n",
        s.connected(), s.connections(), s.connectionsPerSecond(), s.rampSeconds(), s.subscribed());
    System.out.printf(Locale.ROOT, "published     %d (%.0f/s)%n", s.published(), s.publishedPerSecond());
    System.out.printf(Locale.ROOT, "deliveries    %.0f/s; %d of %d expected (lost %d, seq gaps %d, out of order %d)%n",
        s.deliveriesPerSecond(), s.delivered(), s.expectedDeliveries(), s.lost(), s.missingSeqs(), s.outOfOrder());
    System.out.printf(Locale.ROOT, "latency ms    p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  (publish -> client, %d samples)%n",
        l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.count());
    if (s.eventsTopicLatencyMs() != null) {
      var e = s.eventsTopicLatencyMs();
      System.out.printf(Locale.ROOT, "  of which    p50 %d  p90 %d  p99 %d  max %d  publish -> readable in the events topic (sequencer hop)%n",
          e.p50(), e.p90(), e.p99(), e.max());
    }
    System.out.printf(Locale.ROOT, "errors        %d %s%n", s.errors(), s.errorsByKind());
    var cpu = s.cpu();
    System.out.printf(Locale.ROOT, "cpu           frontends %s s (%s us/delivery), harness %.2f s (%.2f us/delivery) over %.1f s%n",
        cpu.frontendSeconds(), cpu.frontendMicrosPerDelivery(), cpu.harnessSeconds(), cpu.harnessMicrosPerDelivery(),
        cpu.windowSeconds());
    if (s.heap() != null) {
      System.out.printf(Locale.ROOT, "heap          %s bytes per connection (%s)%n", s.heap().perConnectionBytes(), s.heap().method());
    }
  }
}

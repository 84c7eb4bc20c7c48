package io.syncfabric.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable result of a run ({@code --json FILE}). {@code errors} counts every failure
 * (refused or lost connections, error frames, closes, failed publishes); {@code lost} is deliveries
 * the acknowledged publishes should have produced and did not; neither should ever be non-zero.
 */
public record BenchSummary(
    String startedAt,
    BenchConfigView config,
    int connections,
    long connected,
    double connectionsPerSecond,
    double rampSeconds,
    long subscribed,
    long published,
    double publishedPerSecond,
    double deliveriesPerSecond,
    long delivered,
    long expectedDeliveries,
    long lost,
    long missingSeqs,
    long outOfOrder,
    Latency latencyMs,
    Latency eventsTopicLatencyMs,
    long errors,
    Map<String, Long> errorsByKind,
    Heap heap,
    Cpu cpu,
    Machine machine) {

  /**
   * Latency in milliseconds: publish → client ({@code latencyMs}; the frame's {@code ts} is the Kafka
   * record timestamp, in ms) and publish → readable in the events topic ({@code eventsTopicLatencyMs},
   * the sequencer's share; null when the topic was not read).
   */
  public record Latency(long count, double mean, long p50, long p90, long p99, long p999, long max) {}

  /** The frontends' heap, before and after the connections were opened and subscribed. */
  public record Heap(Long perConnectionBytes, List<FrontendHeap> frontends, String method) {}

  /** One frontend JVM: the URLs it serves (the lab serves two from one JVM), its pid when local. */
  public record FrontendHeap(List<String> urls, Long pid, long beforeBytes, long afterBytes, long connections, boolean afterGc) {}

  /**
   * CPU used during the measured window (from publish start to the last delivery): by the local
   * frontend JVMs (found by their ports; null when none is local) and by the harness itself.
   */
  public record Cpu(double windowSeconds, Double frontendSeconds, double harnessSeconds,
      Double frontendMicrosPerDelivery, double harnessMicrosPerDelivery) {}

  public record Machine(int cores, String jvm, String jvmArgs, long maxOpenFiles) {}

  /** The flags of the run, as given. */
  public record BenchConfigView(List<String> urls, String kafka, int connections, int channels,
      int subscriptionsPerConnection, int rate, int durationSeconds, int warmupSeconds, int ioThreads, int sourceAddresses) {}

  /** True when nothing failed and nothing was lost. */
  public boolean clean() {
    return errors == 0 && lost == 0 && missingSeqs == 0 && connected == connections;
  }

  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}

package io.syncfabric.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A frontend JVM's used heap, as its {@code /metrics} reports it ({@code jvm_memory_used_bytes}
 * summed over the {@code area="heap"} pools). When the JVM runs on this machine (found by its
 * listening port) a full GC is requested first with {@code jcmd <pid> GC.run}, so the reading is
 * live data, not garbage that happens not to be collected yet.
 */
public final class HeapProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** One reading: the heap in bytes, and whether a GC ran just before it. */
  public record Reading(long heapBytes, boolean afterGc) {}

  /** Reads {@code metricsUrl}, first collecting garbage in the JVM listening on {@code port} if it is local. */
  public Reading read(URI metricsUrl, int port) throws IOException, InterruptedException {
    boolean gc = false;
    OptionalLong pid = ListeningProcess.pidOf(port);
    if (pid.isPresent()) {
      gc = requestGc(pid.getAsLong());
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUrl).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metricsUrl + " answered " + response.statusCode());
    }
    long heap = usedHeap(response.body());
    if (heap < 0) {
      throw new IOException(metricsUrl + " has no jvm_memory_used_bytes{area=\"heap\"}");
    }
    return new Reading(heap, gc);
  }

  /** Sums {@code jvm_memory_used_bytes{...area="heap"...}} in a Prometheus text scrape; -1 if absent. */
  static long usedHeap(String scrape) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        found = true;
      }
    }
    return found ? (long) sum : -1;
  }

  /** {@code jcmd <pid> GC.run}, from this JVM's own JDK; false when it cannot be run. */
  private static boolean requestGc(long pid) throws InterruptedException {
    Path java = ProcessHandle.current().info().command().map(Path::of).orElse(null);
    Path jcmd = java == null ? Path.of("jcmd") : java.resolveSibling("jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.syncfabric.bench.measure;

import io.syncfabric.bench.BenchSummary;
import io.syncfabric.bench.load.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Heap per connection over the frontends of a run: each frontend JVM is read once (two URLs served
 * by one JVM, as in the lab, share one reading, found by the JVM's pid), before the connections
 * open and after they subscribed, and the growth is divided by the connections that JVM holds.
 */
public final class FrontendHeaps {
  private final HeapProbe probe = new HeapProbe();
  /** One entry per JVM: the first target served by it stands for it. */
  private final Map<String, Target> jvms = new LinkedHashMap<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, HeapProbe.Reading> before = new LinkedHashMap<>();
  private final Map<Target, String> keyOf = new LinkedHashMap<>();

  public FrontendHeaps(List<Target> targets) {
    for (Target t : targets) {
      OptionalLong pid = ListeningProcess.pidOf(t.address().getPort());
      String key = pid.isPresent() ? "pid " + pid.getAsLong() : t.hostHeader();
      jvms.putIfAbsent(key, t);
      pids.put(key, pid.isPresent() ? pid.getAsLong() : null);
      keyOf.put(t, key);
    }
  }

  public void readBefore() throws IOException, InterruptedException {
    for (var e : jvms.entrySet()) {
      before.put(e.getKey(), probe.read(e.getValue().metricsUrl(), e.getValue().address().getPort()));
    }
  }

  /**
   * Reads every JVM again and returns the heap section of the summary.
   *
   * @param connectionsOf connections held by the frontends of one JVM key ("pid N" or host:port)
   */
  public BenchSummary.Heap readAfter(java.util.function.ToLongFunction<String> connectionsOf)
      throws IOException, InterruptedException {
    List<BenchSummary.FrontendHeap> out = new ArrayList<>();
    long growth = 0;
    long connections = 0;
    boolean allGc = true;
    for (var e : jvms.entrySet()) {
      HeapProbe.Reading after = probe.read(e.getValue().metricsUrl(), e.getValue().address().getPort());
      HeapProbe.Reading b = before.get(e.getKey());
      long n = connectionsOf.applyAsLong(e.getKey());
      List<String> urls = keyOf.entrySet().stream().filter(k -> k.getValue().equals(e.getKey()))
          .map(k -> k.getKey().url().toString()).toList();
      out.add(new BenchSummary.FrontendHeap(urls, pids.get(e.getKey()), b.heapBytes(),
          after.heapBytes(), n, after.afterGc() && b.afterGc()));
      growth += after.heapBytes() - b.heapBytes();
      connections += n;
      allGc &= after.afterGc() && b.afterGc();
    }
    Long perConnection = connections == 0 ? null : growth / connections;
    String method = allGc
        ? "jvm_memory_used_bytes{area=heap} from /metrics, each read right after jcmd GC.run"
        : "jvm_memory_used_bytes{area=heap} from /metrics without a forced GC (not a local JVM): an upper bound";
    return new BenchSummary.Heap(perConnection, out, method);
  }

  /** The JVM key of {@code target} ("pid N", or host:port when the JVM is not local). */
  public String keyOf(Target target) {
    return keyOf.getOrDefault(target, target.hostHeader());
  }
}

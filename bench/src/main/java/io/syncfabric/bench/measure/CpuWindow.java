package io.syncfabric.bench.measure;

import io.syncfabric.bench.BenchSummary;
import java.util.List;

/** CPU used by the frontend JVMs and by the harness between its creation and {@link #end}. */
public final class CpuWindow {
  private final List<Long> frontendPids;
  private final long startNanos = System.nanoTime();
  private final double frontendStart;
  private final double harnessStart = ProcessCpu.ownSeconds();

  public CpuWindow(List<Long> frontendPids) {
    this.frontendPids = List.copyOf(frontendPids);
    this.frontendStart = frontendSeconds();
  }

  public BenchSummary.Cpu end(long deliveries) {
    double window = (System.nanoTime() - startNanos) / 1e9;
    double harness = ProcessCpu.ownSeconds() - harnessStart;
    double frontendNow = frontendSeconds();
    Double frontend = frontendPids.isEmpty() || frontendNow < 0 || frontendStart < 0 ? null : frontendNow - frontendStart;
    long n = Math.max(1, deliveries);
    return new BenchSummary.Cpu(round(window), frontend == null ? null : round(frontend), round(harness),
        frontend == null ? null : round(frontend * 1e6 / n), round(harness * 1e6 / n));
  }

  private double frontendSeconds() {
    double sum = 0;
    for (long pid : frontendPids) {
      double s = ProcessCpu.secondsOf(pid);
      if (s < 0) {
        return -1;
      }
      sum += s;
    }
    return sum;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

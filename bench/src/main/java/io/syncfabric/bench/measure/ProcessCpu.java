package io.syncfabric.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used (user + system), from Linux's /proc/PID/stat, or this JVM's own
 * from its management bean. Read at the start and the end of the measured window, it gives CPU per
 * delivery: a figure the machine's other load distorts far less than latency.
 */
public final class ProcessCpu {
  /** Clock ticks per second of /proc's times: 100 on every Linux this runs on. */
  private static final double TICKS = 100.0;

  private ProcessCpu() {}

  /** Seconds of CPU used by process {@code pid}, or -1 when /proc cannot say. */
  public static double secondsOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may hold spaces: count fields after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Seconds of CPU used by this JVM (the harness itself). */
  public static double ownSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return -1;
  }
}

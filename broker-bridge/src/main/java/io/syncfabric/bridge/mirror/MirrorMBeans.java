package io.syncfabric.bridge.mirror;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads MirrorMaker 2's per-partition source metrics from the platform MBean server
 * ({@code kafka.connect.mirror:type=MirrorSourceConnector,source=a,target=b,topic=a.fabric.events,partition=0},
 * attributes record-count, byte-count, replication-latency-ms-avg/max) and sums them per flow.
 */
final class MirrorMBeans {
  private static final String HEARTBEATS = "heartbeats";
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<MirrorFlow> flows;

  MirrorMBeans(List<MirrorFlow> flows) {
    this.flows = flows;
  }

  Map<MirrorFlow, FlowSample> read() {
    Map<MirrorFlow, Sum> sums = new HashMap<>();
    flows.forEach(f -> sums.put(f, new Sum()));
    Set<ObjectName> names;
    try {
      names = server.queryNames(new ObjectName("kafka.connect.mirror:type=MirrorSourceConnector,*"), null);
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
    for (ObjectName name : names) {
      String source = name.getKeyProperty("source");
      String topic = name.getKeyProperty("topic");
      Sum sum = source == null || topic == null ? null : sums.get(new MirrorFlow(source, name.getKeyProperty("target")));
      boolean ownHeartbeats = topic != null && topic.equals(source + "." + HEARTBEATS);
      // heartbeats relayed from a third cloud (b.a.heartbeats on c) say nothing about this flow's topics
      boolean relayedHeartbeats = !ownHeartbeats && topic != null && topic.endsWith("." + HEARTBEATS);
      if (sum != null && !relayedHeartbeats) {
        sum.add(name, ownHeartbeats);
      }
    }
    Map<MirrorFlow, FlowSample> out = new HashMap<>();
    sums.forEach((flow, sum) -> out.put(flow, sum.sample()));
    return out;
  }

  private final class Sum {
    long records;
    long bytes;
    long heartbeats;
    double latencySum;
    int latencyPartitions;
    double latencyMax = Double.NaN;

    void add(ObjectName name, boolean heartbeat) {
      double count = number(name, "record-count");
      if (Double.isNaN(count)) {
        return; // not a MirrorMaker 2 source partition
      }
      if (heartbeat) {
        heartbeats += (long) count;
        return;
      }
      records += (long) count;
      bytes += (long) orZero(number(name, "byte-count"));
      double avg = number(name, "replication-latency-ms-avg");
      double max = number(name, "replication-latency-ms-max");
      if (!Double.isNaN(avg) && !Double.isInfinite(avg)) {
        latencySum += avg;
        latencyPartitions++;
      }
      if (!Double.isNaN(max) && !Double.isInfinite(max)) {
        latencyMax = Double.isNaN(latencyMax) ? max : Math.max(latencyMax, max);
      }
    }

    FlowSample sample() {
      return new FlowSample(records, bytes, heartbeats,
          latencyPartitions == 0 ? Double.NaN : latencySum / latencyPartitions, latencyMax);
    }
  }

  private double number(ObjectName name, String attribute) {
    try {
      Object v = server.getAttribute(name, attribute);
      return v instanceof Number n ? n.doubleValue() : Double.NaN;
    } catch (JMException e) {
      return Double.NaN; // the partition went away, or this bean has no such attribute
    }
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}

package io.syncfabric.bridge.mirror;

/**
 * What MirrorMaker 2 reports for one flow at one moment, summed over the flow's mirrored partitions.
 *
 * @param records records of the fabric's topics replicated since start (heartbeats excluded)
 * @param bytes their key and value bytes, uncompressed
 * @param heartbeats heartbeat records replicated since start: MirrorMaker 2's own liveness signal
 * @param latencyAvgMs mean over partitions of the windowed average replication latency, NaN if idle
 * @param latencyMaxMs maximum of the same, NaN if idle
 */
public record FlowSample(long records, long bytes, long heartbeats, double latencyAvgMs, double latencyMaxMs) {
  public static final FlowSample NONE = new FlowSample(0, 0, 0, Double.NaN, Double.NaN);
}

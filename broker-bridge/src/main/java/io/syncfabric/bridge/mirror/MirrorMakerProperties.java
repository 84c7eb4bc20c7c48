package io.syncfabric.bridge.mirror;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a {@link MirrorConfig} into the properties MirrorMaker 2 reads (the same keys as an
 * {@code mm2.properties} file for dedicated mode). Everything not set here keeps MirrorMaker 2's
 * default, including the default replication policy: cloud b receives a's topics as {@code a.<topic>}.
 */
public final class MirrorMakerProperties {
  private MirrorMakerProperties() {}

  public static Map<String, String> from(MirrorConfig config) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("clusters", String.join(",", config.cloudNames()));
    // Plugin scanning at start costs seconds and ~3x the memory; service loading finds MirrorMaker
    // 2's own connectors. It must be set at the top and for every cluster (workers read both).
    p.put("plugin.discovery", "service_load");
    for (MirrorCluster cluster : config.clusters()) {
      String c = cluster.name() + ".";
      p.put(c + "bootstrap.servers", cluster.bootstrap());
      p.put(c + "plugin.discovery", "service_load");
      // the producer that writes into this cloud: compression saves the bytes it stores and, when
      // the mirror runs in the source cloud, the bytes that cross; linger lets batches form
      p.put(c + "producer.compression.type", config.compression());
      p.put(c + "producer.linger.ms", Integer.toString(config.lingerMs()));
    }
    String topics = String.join(",", config.topics());
    for (MirrorFlow flow : config.flows()) {
      p.put(flow.alias() + ".enabled", "true");
      p.put(flow.alias() + ".topics", topics);
      // Each flow's Connect group lives on its target cloud. When that cloud or the link to it is
      // lost, the worker rejoins as a new member and its old tasks count as lost: by default Connect
      // waits up to 5 minutes for the old member before handing them out again, and nothing of the
      // flow is mirrored meanwhile. There is never another worker to wait for here.
      p.put(flow.alias() + ".scheduled.rebalance.max.delay.ms", "0");
      // The sequencer writes events in transactions. MirrorMaker 2's consumer reads uncommitted by
      // default, which would copy records of aborted transactions as plain records that the other
      // cloud's frontends would deliver: copy only what the source cloud's frontends deliver.
      p.put(flow.alias() + ".source.consumer.isolation.level", "read_committed");
    }
    // New topics (a cloud added, a topic created) are found by polling: the default is 10 minutes.
    String refresh = Integer.toString(config.refreshIntervalSeconds());
    p.put("refresh.topics.interval.seconds", refresh);
    p.put("refresh.groups.interval.seconds", refresh);
    p.put("emit.heartbeats.interval.seconds", Integer.toString(config.heartbeatIntervalSeconds()));
    p.put("emit.checkpoints.interval.seconds", Integer.toString(config.checkpointIntervalSeconds()));
    p.put("sync.group.offsets.interval.seconds", Integer.toString(config.checkpointIntervalSeconds()));
    String rf = Integer.toString(config.replicationFactor());
    for (String key : new String[] {"replication.factor", "heartbeats.topic.replication.factor",
        "checkpoints.topic.replication.factor", "offset-syncs.topic.replication.factor",
        "offset.storage.replication.factor", "status.storage.replication.factor", "config.storage.replication.factor"}) {
      p.put(key, rf);
    }
    // last: the per-cluster file (security settings) wins over the defaults above
    p.putAll(config.clusterSettings().properties());
    return p;
  }
}

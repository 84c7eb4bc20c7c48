package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorMakerPropertiesTest {
  private final MirrorConfig config = MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
      "mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092",
      "mirror.replication.factor", "1",
      "mirror.compression", "lz4")));
  private final Map<String, String> props = MirrorMakerProperties.from(config);

  @Test
  void enablesBothDirectionsWithTheFabricTopics() {
    assertThat(props).containsEntry("clusters", "a,b")
        .containsEntry("a.bootstrap.servers", "127.0.0.1:19092")
        .containsEntry("b.bootstrap.servers", "127.0.0.1:29092")
        .containsEntry("a->b.enabled", "true")
        .containsEntry("b->a.enabled", "true")
        .containsEntry("a->b.topics", "fabric\\.events,fabric\\.members")
        .containsEntry("b->a.topics", "fabric\\.events,fabric\\.members");
  }

  @Test
  void everyFlowHandsOutLostTasksAtOnce() {
    assertThat(props).containsEntry("a->b.scheduled.rebalance.max.delay.ms", "0")
        .containsEntry("b->a.scheduled.rebalance.max.delay.ms", "0");
  }

  @Test
  void copiesOnlyCommittedEvents() {
    assertThat(props).containsEntry("a->b.source.consumer.isolation.level", "read_committed")
        .containsEntry("b->a.source.consumer.isolation.level", "read_committed");
  }

  @Test
  void setsPluginDiscoveryAtTheTopAndForEveryCluster() {
    assertThat(props).containsEntry("plugin.discovery", "service_load")
        .containsEntry("a.plugin.discovery", "service_load")
        .containsEntry("b.plugin.discovery", "service_load");
  }

  @Test
  void appliesReplicationFactorToEveryInternalTopicAndCompressionToEveryTarget() {
    assertThat(props).containsEntry("replication.factor", "1")
        .containsEntry("offset.storage.replication.factor", "1")
        .containsEntry("heartbeats.topic.replication.factor", "1")
        .containsEntry("a.producer.compression.type", "lz4")
        .containsEntry("b.producer.compression.type", "lz4")
        .containsEntry("refresh.topics.interval.seconds", "2");
  }
}

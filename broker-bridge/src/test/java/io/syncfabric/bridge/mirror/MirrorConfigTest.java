package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorConfigTest {

  private static MirrorConfig load(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), values));
  }

  @Test
  void targetsRunOnlyTheFlowsIntoThoseClouds() {
    MirrorConfig config = load("mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092,c=127.0.0.1:39092",
        "mirror.targets", "b");

    assertThat(config.flows()).hasSize(6);
    assertThat(config.runFlows()).extracting(MirrorFlow::alias).containsExactly("a->b", "c->b");
    assertThat(load("mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092").runFlows()).hasSize(2);
    assertThatThrownBy(() -> load("mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092", "mirror.targets", "z"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("mirror.targets"));
  }

  @Test
  void everyOrderedPairOfCloudsIsAFlow() {
    MirrorConfig config = load("mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092,c=127.0.0.1:39092");

    assertThat(config.flows()).containsExactlyInAnyOrder(
        new MirrorFlow("a", "b"), new MirrorFlow("b", "a"), new MirrorFlow("a", "c"),
        new MirrorFlow("c", "a"), new MirrorFlow("b", "c"), new MirrorFlow("c", "b"));
  }

  @Test
  void twoCloudsMirrorBothWaysWithTheDefaults() {
    MirrorConfig config = load("mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092");

    assertThat(config.flows()).containsExactly(new MirrorFlow("a", "b"), new MirrorFlow("b", "a"));
    assertThat(config.topics()).containsExactly("fabric\\.events", "fabric\\.members");
    assertThat(config.compression()).isEqualTo("zstd");
    assertThat(config.httpPort()).isEqualTo(9390);
  }

  @Test
  void aServerWithoutANameBelongsToTheCloudBeforeIt() {
    MirrorConfig config = load("mirror.clusters", "a=k1:9092,k2:9092, b=k3:9092");

    assertThat(config.clusters()).containsExactly(
        new MirrorCluster("a", "k1:9092,k2:9092"), new MirrorCluster("b", "k3:9092"));
  }

  @Test
  void clustersAreRequired() {
    assertThatThrownBy(() -> load())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mirror.clusters: required");
  }

  @Test
  void badClustersValuesFailNamingTheKey() {
    for (String bad : List.of("a=127.0.0.1:19092", "a=h:1,a=h:2", "127.0.0.1:1,b=h:2", "a=h,b=h:2",
        "a=h:99999,b=h:2", "A=h:1,b=h:2", "a=h:1;b=h:2")) {
      assertThatThrownBy(() -> load("mirror.clusters", bad)).as(bad)
          .isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("mirror.clusters"))
          .hasMessageContaining("mirror.clusters: '" + bad + "' is not at least two clouds");
    }
  }

  @Test
  void topicsThatMissTheEventsTopicAreRejected() {
    assertThatThrownBy(() -> load("mirror.clusters", "a=h:1,b=h:2", "mirror.topics", "fabric\\.members"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mirror.topics: no pattern matches the events topic 'fabric.events'");
    assertThat(load("mirror.clusters", "a=h:1,b=h:2", "topics.events", "shop.events", "mirror.topics", "shop\\..*").topics())
        .containsExactly("shop\\..*");
  }

  @Test
  void anInvalidRegexIsRejected() {
    assertThatThrownBy(() -> load("mirror.clusters", "a=h:1,b=h:2", "mirror.topics", "fabric\\.(events"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mirror.topics: ");
  }

  @Test
  void unknownCompressionIsRejected() {
    assertThatThrownBy(() -> load("mirror.clusters", "a=h:1,b=h:2", "mirror.compression", "brotli"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mirror.compression: ");
  }
}

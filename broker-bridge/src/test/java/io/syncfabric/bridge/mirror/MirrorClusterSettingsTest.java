package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorClusterSettingsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cret\";";
  @TempDir Path dir;

  private MirrorConfig load(String fileText) throws Exception {
    Path file = Files.writeString(dir.resolve("clusters.properties"), fileText);
    return MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092",
        "mirror.clusters.config", file.toString())));
  }

  @Test
  void mergesThePerClusterFileIntoMirrorMakerProperties() throws Exception {
    Map<String, String> props = MirrorMakerProperties.from(load("""
        # written by terraform/modules/mirror-config
        a.security.protocol=SSL
        b.security.protocol=SASL_SSL
        b.sasl.mechanism=PLAIN
        b.sasl.jaas.config=%s
        """.formatted(JAAS)));

    assertThat(props).containsEntry("a.security.protocol", "SSL")
        .containsEntry("b.security.protocol", "SASL_SSL")
        .containsEntry("b.sasl.mechanism", "PLAIN")
        .containsEntry("b.sasl.jaas.config", JAAS)
        .containsEntry("a.bootstrap.servers", "127.0.0.1:19092");
  }

  @Test
  void withoutTheFileNothingIsAdded() {
    MirrorConfig c = MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=127.0.0.1:19092,b=127.0.0.1:29092")));
    assertThat(MirrorMakerProperties.from(c)).doesNotContainKey("a.security.protocol");
  }

  @Test
  void rejectsAKeyOfNoConfiguredCloudNamingKeyAndLine() {
    assertThatThrownBy(() -> load("a.security.protocol=SSL\nc.sasl.jaas.config=" + JAAS + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mirror.clusters.config:")
        .hasMessageContaining("line 2 (c.sasl.jaas.config)")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> load("security.protocol=SSL\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 1 (security.protocol)");
    assertThatThrownBy(() -> load("a->b.enabled=false\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 1 (a->b.enabled)");
  }

  @Test
  void rejectsBootstrapServersWhichComeFromMirrorClusters() {
    assertThatThrownBy(() -> load("a.bootstrap.servers=elsewhere:9092\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mirror.clusters");
  }

  @Test
  void toStringShowsKeysOnly() throws Exception {
    assertThat(load("b.sasl.jaas.config=" + JAAS + "\n").toString())
        .contains("b.sasl.jaas.config").doesNotContain("s3cret");
  }
}

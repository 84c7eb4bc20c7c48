package io.syncfabric.bridge.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.config.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key {@code ./fabric mirror} reads. */
class MirrorConfigDocTest {
  @Test
  void everyMirrorKeyIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (ConfigKey<?> key : MirrorConfig.definition().keys()) {
      assertThat(doc).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}

package io.syncfabric.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void envNameIsFabricPrefixedUpperCaseWithUnderscores() {
    assertThat(CommonKeys.KAFKA_BOOTSTRAP.envName()).isEqualTo("FABRIC_KAFKA_BOOTSTRAP");
    assertThat(CommonKeys.CLOUD.envName()).isEqualTo("FABRIC_CLOUD");
    assertThat(ConfigKey.string("ws.max-frame.bytes", "1", "Doc.").envName()).isEqualTo("FABRIC_WS_MAX_FRAME_BYTES");
  }

  @Test
  void keyWithoutDefaultIsRequired() {
    assertThat(ConfigKey.nonBlank("jwt.secret", null, "Doc.").required()).isTrue();
    assertThat(ConfigKey.nonBlank("jwt.secret", "x", "Doc.").required()).isFalse();
  }

  @Test
  void listParsingTrimsAndDropsBlankEntries() {
    assertThat(ConfigKey.parseList(" a ,b,, ,c ")).containsExactly("a", "b", "c");
    assertThat(ConfigKey.parseList("")).isEmpty();
  }

  @Test
  void booleanParsingRejectsOtherWords() {
    assertThat(ConfigKey.parseBoolean(" On ")).isTrue();
    assertThat(ConfigKey.parseBoolean("0")).isFalse();
    assertThatThrownBy(() -> ConfigKey.parseBoolean("2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nameParserValidatorAndDocAreRequired() {
    assertThatThrownBy(() -> new ConfigKey<String>(null, s -> s, null, s -> true, "x", "doc"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> new ConfigKey<String>("k", s -> s, null, s -> true, "x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("doc");
  }
}

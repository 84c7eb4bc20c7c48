package io.syncfabric.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonKeysTest {

  @Test
  void everyCommonKeyHasADefaultAndADoc() {
    assertThat(CommonKeys.ALL).allSatisfy(key -> {
      assertThat(key.required()).as(key.name()).isFalse();
      assertThat(key.doc()).as(key.name()).isNotBlank();
    });
  }

  @Test
  void commonKeyNamesAreDistinct() {
    assertThat(CommonKeys.ALL).extracting(ConfigKey::name).doesNotHaveDuplicates();
  }

  @Test
  void everyCommonKeyCanBeSetFromTheEnvironment() {
    Map<String, String> env = Map.of(
        "FABRIC_CLOUD", "b",
        "FABRIC_KAFKA_BOOTSTRAP", "k:1",
        "FABRIC_TOPICS_INGRESS", "in",
        "FABRIC_TOPICS_EVENTS", "ev",
        "FABRIC_TOPICS_DLQ", "dl",
        "FABRIC_TOPICS_MEMBERS", "mb");

    Config config = new ConfigDef().defineAll(CommonKeys.ALL).load(null, env, Map.of());

    assertThat(config.get(CommonKeys.CLOUD)).isEqualTo("b");
    assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP)).isEqualTo("k:1");
    assertThat(config.get(CommonKeys.TOPIC_INGRESS)).isEqualTo("in");
    assertThat(config.get(CommonKeys.TOPIC_EVENTS)).isEqualTo("ev");
    assertThat(config.get(CommonKeys.TOPIC_DLQ)).isEqualTo("dl");
    assertThat(config.get(CommonKeys.TOPIC_MEMBERS)).isEqualTo("mb");
  }

  @Test
  void cloudAcceptsLowerCaseLettersDigitsAndDashesUpTo31Characters() {
    assertThat(CommonKeys.CLOUD.validator().test("a")).isTrue();
    assertThat(CommonKeys.CLOUD.validator().test("0-b")).isTrue();
    assertThat(CommonKeys.CLOUD.validator().test("a".repeat(31))).isTrue();
    assertThat(CommonKeys.CLOUD.validator().test("a".repeat(32))).isFalse();
    assertThat(CommonKeys.CLOUD.validator().test("A")).isFalse();
    assertThat(CommonKeys.CLOUD.validator().test("-a")).isFalse();
    assertThat(CommonKeys.CLOUD.validator().test("")).isFalse();
  }
}

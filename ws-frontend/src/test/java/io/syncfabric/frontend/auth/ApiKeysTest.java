package io.syncfabric.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void acceptsEachConfiguredKey() {
    ApiKeys keys = new ApiKeys(List.of("key-one", "key-two"));

    assertThat(keys.accepts("key-one")).isTrue();
    assertThat(keys.accepts("key-two")).isTrue();
    assertThat(keys.isEmpty()).isFalse();
  }

  @Test
  void rejectsOtherKeys() {
    ApiKeys keys = new ApiKeys(List.of("key-one", "key-two"));

    assertThat(keys.accepts("key-three")).isFalse();
    assertThat(keys.accepts("key-one ")).isFalse();
    assertThat(keys.accepts("key-on")).isFalse();
    assertThat(keys.accepts("KEY-ONE")).isFalse();
    assertThat(keys.accepts("")).isFalse();
  }

  @Test
  void rejectsNull() {
    assertThat(new ApiKeys(List.of("key-one")).accepts(null)).isFalse();
  }

  @Test
  void emptyConfigAcceptsNothing() {
    ApiKeys keys = new ApiKeys(List.of());

    assertThat(keys.isEmpty()).isTrue();
    assertThat(keys.accepts("anything")).isFalse();
    assertThat(keys.accepts("")).isFalse();
  }
}

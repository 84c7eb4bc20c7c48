package io.syncfabric.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void parsesTopicSourceAndPrefix() {
    Route route = Route.parse("shop.orders|json:customer.id|orders:");

    assertThat(route.topic()).isEqualTo("shop.orders");
    assertThat(route.source()).isEqualTo(new ChannelSource.FromJsonField(List.of("customer", "id")));
    assertThat(route.prefix()).isEqualTo("orders:");
  }

  @Test
  void prefixIsOptional() {
    Route route = Route.parse("audit|key");

    assertThat(route.source()).isInstanceOf(ChannelSource.FromKey.class);
    assertThat(route.prefix()).isEmpty();
  }

  @Test
  void partsAreTrimmed() {
    Route route = Route.parse(" audit | header:x-channel | a: ");

    assertThat(route.topic()).isEqualTo("audit");
    assertThat(route.source()).isEqualTo(new ChannelSource.FromHeader("x-channel"));
    assertThat(route.prefix()).isEqualTo("a:");
  }

  @Test
  void rejectsWrongNumberOfParts() {
    assertThatThrownBy(() -> Route.parse("audit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic|source[|prefix]")
        .hasMessageContaining("audit");
    assertThatThrownBy(() -> Route.parse("audit|key|p|extra")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBlankTopic() {
    assertThatThrownBy(() -> Route.parse(" |key")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsUnknownSource() {
    assertThatThrownBy(() -> Route.parse("audit|value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key, header:<name> or json:<field.path>")
        .hasMessageContaining("value");
  }

  @Test
  void componentsMustNotBeNull() {
    assertThatThrownBy(() -> new Route("t", new ChannelSource.FromKey(), null))
        .isInstanceOf(NullPointerException.class);
  }
}

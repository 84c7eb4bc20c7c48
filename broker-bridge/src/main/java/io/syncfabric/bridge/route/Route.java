package io.syncfabric.bridge.route;

import java.util.Objects;

/**
 * Maps an existing topic to channels, so backends that already publish elsewhere need no change.
 * Written in config as {@code topic|source|prefix}, e.g. {@code shop.orders|json:customer.id|orders:}:
 * records of {@code shop.orders} go to channel {@code orders:<customer.id>}.
 */
public record Route(String topic, ChannelSource source, String prefix) {
  public Route {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** Parses {@code topic|source[|prefix]}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Route parse(String spec) {
    String[] parts = spec.split("\\|", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
      throw new IllegalArgumentException("route must be topic|source[|prefix], not " + spec);
    }
    return new Route(parts[0].trim(), ChannelSource.parse(parts[1].trim()), parts.length == 3 ? parts[2].trim() : "");
  }
}

package io.syncfabric.frontend.presence;

/** One client subscribed to a channel: its connection id, its user ({@code sub}) and its frontend. */
public record PresenceEntry(String client, String user, String node) {
  /** Compact form kept in the store: user and node, keyed by client. */
  String packed() {
    return user + '\u0000' + node;
  }

  static PresenceEntry unpack(String client, String packed) {
    int sep = packed.indexOf('\u0000');
    return new PresenceEntry(client, packed.substring(0, sep), packed.substring(sep + 1));
  }
}

package io.syncfabric.frontend.recovery;

import io.syncfabric.schema.StreamPosition;

/**
 * Where a stream the client never had a position in starts for it: {@code after} is the last
 * message published before the client subscribed (its replay continues after it), {@code null}
 * when nothing was published since (it continues where this frontend is); or why that cannot be
 * told ({@code failure}).
 */
record Located(StreamPosition after, String failure) {
  static Located at(String epoch, long seq) {
    return new Located(new StreamPosition(epoch, seq), null);
  }

  static Located nothingSince() {
    return new Located(null, null);
  }

  static Located failed(String reason) {
    return new Located(null, reason);
  }
}

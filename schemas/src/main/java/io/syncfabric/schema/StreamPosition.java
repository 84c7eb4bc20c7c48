package io.syncfabric.schema;

import java.util.Objects;

/**
 * Where a client is in a channel: the channel's {@code epoch} and the last {@code seq} it saw.
 * {@code seq} 0 means "nothing yet in this epoch".
 */
public record StreamPosition(String epoch, long seq) {
  public static final int MAX_EPOCH_LENGTH = 64;

  public StreamPosition {
    Objects.requireNonNull(epoch, "epoch");
    if (epoch.isEmpty() || epoch.length() > MAX_EPOCH_LENGTH) {
      throw new IllegalArgumentException("epoch must be 1.." + MAX_EPOCH_LENGTH + " characters");
    }
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0");
    }
  }

}

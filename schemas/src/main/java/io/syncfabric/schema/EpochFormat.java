package io.syncfabric.schema;

/**
 * How the sequencer writes epochs: {@code <creation millis in base 36>-<4 random base-36 chars>}.
 * Clients treat an epoch as opaque; the fabric reads the creation time back to know where in Kafka a
 * channel's epoch can start.
 */
public final class EpochFormat {
  private EpochFormat() {}

  public static String format(long createdAtMillis, int random) {
    String suffix = Integer.toString(Math.floorMod(random, 36 * 36 * 36 * 36), 36);
    return Long.toString(createdAtMillis, 36) + "-" + "0000".substring(suffix.length()) + suffix;
  }

  /** The epoch's creation time, or 0 when the epoch is not in this format. */
  public static long createdAtMillis(String epoch) {
    int dash = epoch.indexOf('-');
    if (dash <= 0) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(epoch.substring(0, dash), 36));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

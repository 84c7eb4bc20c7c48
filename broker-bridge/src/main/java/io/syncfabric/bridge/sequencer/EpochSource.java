package io.syncfabric.bridge.sequencer;

import io.syncfabric.schema.EpochFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * New channel epochs: the creation time in base 36 plus 4 random base-36 characters, e.g.
 * {@code mf3k2a9x-4kq1}. A channel whose counter state was lost gets a fresh epoch, so a seq is
 * never reused for a different message within one epoch.
 */
final class EpochSource implements Supplier<String> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Clock clock;

  EpochSource(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String get() {
    return EpochFormat.format(clock.millis(), RANDOM.nextInt());
  }
}

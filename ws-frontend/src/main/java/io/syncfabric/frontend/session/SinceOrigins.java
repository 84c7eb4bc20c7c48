package io.syncfabric.frontend.session;

import io.syncfabric.frontend.channel.Positions;
import io.syncfabric.frontend.protocol.ClientRequest.SincePosition;
import io.syncfabric.schema.StreamPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a subscribe's {@code since} into origin → position, the form recovery works in. */
final class SinceOrigins {
  private SinceOrigins() {}

  /**
   * The positions by origin, in the client's order. A position sent without its origin (clients
   * that track one position per channel) belongs to the stream this frontend knows with that epoch,
   * else to this cloud's own stream.
   */
  static Map<String, StreamPosition> resolve(List<SincePosition> since, Positions known, String localCloud) {
    Map<String, StreamPosition> byOrigin = new LinkedHashMap<>();
    for (SincePosition p : since) {
      String origin = p.origin();
      if (origin == null) {
        String byEpoch = known.originOfEpoch(p.position().epoch());
        origin = byEpoch != null ? byEpoch : localCloud;
      }
      byOrigin.putIfAbsent(origin, p.position());
    }
    return byOrigin;
  }

  /**
   * Where a Kafka scan may start looking: the oldest of the client's last-message timestamps (0 when
   * it sent none), so no origin's missed messages are before it.
   */
  static long hint(List<SincePosition> since) {
    return since.stream().mapToLong(SincePosition::ts).filter(ts -> ts > 0).min().orElse(0);
  }
}

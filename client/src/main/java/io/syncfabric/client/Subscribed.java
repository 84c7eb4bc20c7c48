package io.syncfabric.client;

import java.util.List;

/**
 * The server's answer to subscribe: the channel's position when the subscription took effect.
 * {@code epoch}, {@code seq} and {@code origin} are one origin's position (the one resumed, or the
 * newest message's); {@code positions} has every origin's. {@code reason} says why a recovery
 * failed ({@code null} when it did not). {@code at} is when the subscription took effect, by the
 * frontend's clock (epoch ms; 0 from a server that does not say): a resume sends the first one as
 * {@code from}, so streams the client never had a position in are replayed from then.
 */
public record Subscribed(String channel, String epoch, long seq, String origin, boolean recovered, String reason,
    List<StreamPosition> positions, long at) {

  public Subscribed {
    positions = List.copyOf(positions);
  }
}

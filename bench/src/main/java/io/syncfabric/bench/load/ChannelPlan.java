package io.syncfabric.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Which channels each connection subscribes to: connection {@code i} takes channels
 * {@code (i·k + j) mod C} for {@code j < k}, so subscribers spread evenly over the channels and
 * the harness knows, per channel, how many deliveries each published message must produce.
 */
public final class ChannelPlan {
  private final String prefix;
  private final int connections;
  private final int channels;
  private final int perConnection;
  private final int[] subscribers;

  public ChannelPlan(String prefix, int connections, int channels, int perConnection) {
    if (connections < 1 || channels < 1 || perConnection < 1 || perConnection > channels) {
      throw new IllegalArgumentException("need connections >= 1, channels >= 1 and 1 <= subscriptions per connection <= channels");
    }
    this.prefix = prefix;
    this.connections = connections;
    this.channels = channels;
    this.perConnection = perConnection;
    this.subscribers = new int[channels];
    for (int i = 0; i < connections; i++) {
      for (int c : channelsOf(i)) {
        subscribers[c]++;
      }
    }
  }

  /** The channel numbers connection {@code i} subscribes to (distinct). */
  public int[] channelsOf(int connection) {
    int[] out = new int[perConnection];
    for (int j = 0; j < perConnection; j++) {
      out[j] = (int) (((long) connection * perConnection + j) % channels);
    }
    return out;
  }

  public String channelName(int channel) {
    return prefix + channel;
  }

  public int channels() {
    return channels;
  }

  public int connections() {
    return connections;
  }

  /** Local subscribers of channel {@code c} over all connections: deliveries per message published to it. */
  public int subscribers(int channel) {
    return subscribers[channel];
  }

  public int subscriptions() {
    return connections * perConnection;
  }

  public List<String> channelNamesOf(int connection) {
    List<String> names = new ArrayList<>();
    for (int c : channelsOf(connection)) {
      names.add(channelName(c));
    }
    return names;
  }
}

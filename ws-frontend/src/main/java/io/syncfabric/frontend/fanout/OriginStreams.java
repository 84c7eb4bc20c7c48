package io.syncfabric.frontend.fanout;

/**
 * Where each origin cloud's stream of events lives for this frontend: its own cloud's in the events
 * topic, every other cloud's in the copy MirrorMaker 2's default replication policy makes
 * ({@code a.fabric.events} on cloud b). Also names the hot-history entry of a channel per origin.
 */
public record OriginStreams(String localCloud, String eventsTopic) {
  /** Not allowed in channel names, so a remote stream's history key never equals a channel's. */
  private static final char HISTORY_KEY_SEPARATOR = '*';

  public String topicOf(String origin) {
    return origin.equals(localCloud) ? eventsTopic : origin + "." + eventsTopic;
  }

  /** The origin whose mirrored events {@code topic} holds, or {@code null} when it is not one. */
  public String mirroredOrigin(String topic) {
    String suffix = "." + eventsTopic;
    if (!topic.endsWith(suffix) || topic.length() == suffix.length()) {
      return null;
    }
    String origin = topic.substring(0, topic.length() - suffix.length());
    // a.b.fabric.events would be a copy of a copy: the mirror replicates only local topics
    return origin.contains(".") || origin.equals(localCloud) ? null : origin;
  }

  /** The history key of {@code channel}'s stream from {@code origin}; the channel itself for this cloud's. */
  public String historyKey(String channel, String origin) {
    return origin.equals(localCloud) ? channel : channel + HISTORY_KEY_SEPARATOR + origin;
  }
}

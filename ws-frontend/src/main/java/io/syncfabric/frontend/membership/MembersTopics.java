package io.syncfabric.frontend.membership;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which topics hold announcements: this cloud's members topic and, per other cloud, the copy
 * MirrorMaker 2's default replication policy makes of it, {@code <cloud>.<topic>} ({@code
 * a.fabric.members} on cloud b). Multi-hop copies ({@code c.a.fabric.members}) are not read: cloud
 * ids contain no dot, and a cloud's own topic reaches every other cloud directly.
 */
final class MembersTopics {
  private final String topic;
  private final String ownCloud;
  private final Pattern mirrored;

  MembersTopics(String topic, String ownCloud) {
    this.topic = topic;
    this.ownCloud = ownCloud;
    this.mirrored = Pattern.compile("([a-z0-9][a-z0-9-]{0,30})\\." + Pattern.quote(topic));
  }

  /** Our own members topic (where we announce). */
  String own() {
    return topic;
  }

  /** Mirrored members topics among {@code topics}, each with its origin cloud, sorted by topic. */
  Map<String, String> mirroredIn(Collection<String> topics) {
    Map<String, String> result = new TreeMap<>();
    for (String t : topics) {
      Matcher m = mirrored.matcher(t);
      if (m.matches() && !m.group(1).equals(ownCloud)) {
        result.put(t, m.group(1));
      }
    }
    return result;
  }
}

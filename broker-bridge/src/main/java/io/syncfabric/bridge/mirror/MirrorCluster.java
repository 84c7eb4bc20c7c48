package io.syncfabric.bridge.mirror;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One cloud's Kafka cluster as the mirror sees it: the cloud name (also MirrorMaker 2's cluster
 * alias, hence the prefix of mirrored topics, {@code a.fabric.events}) and its bootstrap servers.
 */
public record MirrorCluster(String name, String bootstrap) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s,=]+:\\d{1,5}");

  /**
   * Parses {@code a=h1:9092,h2:9092,b=h3:9092}: an entry without {@code =} adds a server to the
   * cloud before it, so a multi-broker bootstrap needs no second separator.
   *
   * @throws IllegalArgumentException on any malformed entry, duplicate cloud or port out of range
   */
  static List<MirrorCluster> parseAll(String text) {
    List<String> names = new ArrayList<>();
    List<List<String>> servers = new ArrayList<>();
    for (String raw : text.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String server = eq < 0 ? entry : entry.substring(eq + 1).trim();
      if (eq >= 0) {
        names.add(entry.substring(0, eq).trim());
        servers.add(new ArrayList<>());
      } else if (names.isEmpty()) {
        throw new IllegalArgumentException("'" + entry + "' has no cloud name");
      }
      if (!HOST_PORT.matcher(server).matches() || Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)) > 65535) {
        throw new IllegalArgumentException("'" + server + "' is not host:port");
      }
      servers.get(servers.size() - 1).add(server);
    }
    Set<String> seen = new HashSet<>();
    List<MirrorCluster> clusters = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!NAME.matcher(names.get(i)).matches() || !seen.add(names.get(i))) {
        throw new IllegalArgumentException("bad or repeated cloud name '" + names.get(i) + "'");
      }
      clusters.add(new MirrorCluster(names.get(i), String.join(",", servers.get(i))));
    }
    return clusters;
  }
}

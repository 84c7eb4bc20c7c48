package io.syncfabric.bridge.mirror;

import io.syncfabric.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cluster client settings from the {@code mirror.clusters.config} file, in MirrorMaker 2's own
 * syntax ({@code <cloud>.security.protocol=SASL_SSL}), merged into its properties. Only keys of a
 * configured cloud are accepted, and never its {@code bootstrap.servers} (that is
 * {@code mirror.clusters}). The values are secrets (JAAS lines): {@link #toString} shows keys only,
 * and no error message quotes a value.
 */
public record MirrorClusterSettings(Map<String, String> properties) {
  public static final MirrorClusterSettings NONE = new MirrorClusterSettings(Map.of());

  public MirrorClusterSettings {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * Reads the file; {@code configKey} names the key in errors.
   *
   * @throws ConfigException naming the key and the offending line
   */
  static MirrorClusterSettings read(String configKey, Path file, List<String> clouds) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(configKey, "cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq).strip();
      String where = file + " line " + (i + 1) + " (" + key + ")";
      if (eq < 0) {
        throw new ConfigException(configKey, where + ": not key=value");
      }
      int dot = key.indexOf('.');
      if (dot <= 0 || !clouds.contains(key.substring(0, dot)) || dot == key.length() - 1) {
        throw new ConfigException(configKey, where + ": only <cloud>.<client setting> keys of the clouds in "
            + "mirror.clusters (" + String.join(", ", clouds) + ") are accepted");
      }
      if (key.substring(dot + 1).equals("bootstrap.servers")) {
        throw new ConfigException(configKey, where + ": bootstrap servers come from mirror.clusters");
      }
      if (props.put(key, line.substring(eq + 1).strip()) != null) {
        throw new ConfigException(configKey, where + ": set twice");
      }
    }
    return new MirrorClusterSettings(props);
  }

  @Override
  public String toString() {
    return "MirrorClusterSettings" + properties.keySet() + " (values hidden)";
  }
}

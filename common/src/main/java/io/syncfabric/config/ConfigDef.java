package io.syncfabric.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The set of keys one process understands. {@link #load} reads a properties file, applies
 * environment overrides ({@code FABRIC_KAFKA_BOOTSTRAP} for {@code kafka.bootstrap}) and explicit
 * overrides (command-line flags), then parses and validates every key at once. Unknown keys in the
 * file are errors too: a typo must not silently fall back to a default.
 */
public final class ConfigDef {
  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

  public ConfigDef define(ConfigKey<?> key) {
    if (keys.putIfAbsent(key.name(), key) != null) {
      throw new IllegalArgumentException("key defined twice: " + key.name());
    }
    return this;
  }

  public ConfigDef defineAll(List<? extends ConfigKey<?>> more) {
    more.forEach(this::define);
    return this;
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(keys.values());
  }

  /**
   * Loads and validates.
   *
   * @param file properties file, or {@code null} for defaults only
   * @param env process environment (pass {@code System.getenv()})
   * @param overrides highest-priority values, e.g. from command-line flags
   * @throws ConfigException naming the first bad key, with every problem found in the message
   */
  public Config load(Path file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> text = new LinkedHashMap<>();
    if (file != null) {
      text.putAll(readFile(file));
    }
    for (ConfigKey<?> key : keys.values()) {
      String fromEnv = env.get(key.envName());
      if (fromEnv != null) {
        text.put(key.name(), fromEnv);
      }
    }
    text.putAll(overrides);

    List<ConfigException> problems = new ArrayList<>();
    for (String name : new TreeSet<>(text.keySet())) {
      if (!keys.containsKey(name)) {
        problems.add(new ConfigException(name, "unknown key" + suggestion(name)));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys.values()) {
      String raw = text.getOrDefault(key.name(), key.defaultText());
      if (raw == null) {
        problems.add(new ConfigException(key.name(),
            "required but not set (set it in the config file or with " + key.envName() + ")"));
        continue;
      }
      try {
        values.put(key.name(), parse(key, raw));
      } catch (ConfigException e) {
        problems.add(e);
      }
    }
    if (!problems.isEmpty()) {
      ConfigException first = problems.get(0);
      if (problems.size() == 1) {
        throw first;
      }
      StringBuilder all = new StringBuilder(first.getMessage().substring(first.key().length() + 2));
      problems.stream().skip(1).forEach(p -> all.append("; ").append(p.getMessage()));
      throw new ConfigException(first.key(), all.toString());
    }
    return new Config(Collections.unmodifiableMap(values));
  }

  private static <T> T parse(ConfigKey<T> key, String raw) {
    T value;
    try {
      value = key.parser().apply(raw);
    } catch (RuntimeException e) {
      throw new ConfigException(key.name(), "'" + raw + "' is not " + key.expectation());
    }
    if (!key.validator().test(value)) {
      throw new ConfigException(key.name(), "'" + raw + "' is not " + key.expectation());
    }
    return value;
  }

  private String suggestion(String name) {
    String best = null;
    int bestDistance = 3;
    for (String known : keys.keySet()) {
      int d = editDistance(name, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read config file: " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(n -> out.put(n, props.getProperty(n)));
    return out;
  }
}

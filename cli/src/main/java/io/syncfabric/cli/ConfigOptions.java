package io.syncfabric.cli;

import io.syncfabric.config.Config;
import io.syncfabric.config.ConfigDef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, shared by the long-running commands. */
public final class ConfigOptions {
  @Option(names = "--config", description = "Properties file (keys in docs/configuration.md). Environment variables FABRIC_<KEY> override it.")
  Path file;

  @Option(names = "--set", description = "Override one key, e.g. --set http.port=8081 (repeatable).")
  List<String> overrides = List.of();

  Config load(ConfigDef definition) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new io.syncfabric.config.ConfigException(o, "--set needs key=value");
      }
      values.put(o.substring(0, eq).trim(), o.substring(eq + 1));
    }
    return definition.load(file, System.getenv(), values);
  }
}

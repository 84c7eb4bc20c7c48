package io.syncfabric.cli.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigKey;
import io.syncfabric.frontend.FrontendConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of compose.yaml's fabric services that return a list of problems ({@link
 * ComposeTopologyTest} runs them on the real file and on broken copies of it), and what they read
 * the file and the sources with.
 */
final class ComposeServiceChecks {
  private ComposeServiceChecks() {}

  /** Read by the ./fabric launcher itself, not config keys. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("FABRIC_JAVA_OPTS", "FABRIC_LOG_FORMAT");
  /** Each fabric role (the container's first argument) and the keys its process reads. */
  static final Map<String, ConfigDef> DEFINITIONS = Map.of(
      "frontend", FrontendConfig.definition(),
      "bridge", BridgeConfig.definition(),
      "mirror", MirrorConfig.definition());
  /** The source of each role's HTTP server: its health paths are read from there (see {@link #servedHealthPaths}). */
  static final Map<String, String> HTTP_SERVERS = Map.of(
      "frontend", "ws-frontend/src/main/java/io/syncfabric/frontend/FrontendServer.java",
      "bridge", "broker-bridge/src/main/java/io/syncfabric/bridge/http/BridgeHttpServer.java",
      "mirror", "broker-bridge/src/main/java/io/syncfabric/bridge/http/BridgeHttpServer.java");
  /** compose/healthcheck.sh: {@code fabric-healthcheck PORT [PATH]}, PATH defaulting to /health/ready. */
  private static final String HEALTHCHECK_DEFAULT_PATH = "/health/ready";
  private static final Pattern HEALTH_ROUTE = Pattern.compile("addExactPath\\(\\s*\"(/health[^\"]*)\"");

  /** Problems with the FABRIC_ variables of every fabric service: each must be a key of its role (or the launcher's). */
  static List<String> fabricVariableProblems(JsonNode services) {
    List<String> problems = new ArrayList<>();
    Set<String> rolesSeen = new TreeSet<>();
    for (String name : names(services)) {
      JsonNode service = services.path(name);
      String role = role(service);
      ConfigDef definition = DEFINITIONS.get(role);
      if (definition == null) {
        continue;
      }
      rolesSeen.add(role);
      Set<String> known = definition.keys().stream().map(ConfigKey::envName).collect(Collectors.toCollection(TreeSet::new));
      known.addAll(LAUNCHER_VARIABLES);
      for (String variable : names(service.path("environment"))) {
        if (variable.startsWith("FABRIC_") && !known.contains(variable)) {
          problems.add(name + " (" + role + "): " + variable + " is no key of that process");
        }
      }
    }
    if (!rolesSeen.equals(DEFINITIONS.keySet())) {
      problems.add("fabric roles found: " + rolesSeen + ", expected " + new TreeSet<>(DEFINITIONS.keySet()));
    }
    return problems;
  }

  /** Problems with the health check of every fabric service: present, CMD form, its http.port, a served path. */
  static List<String> healthCheckProblems(JsonNode services) {
    List<String> problems = new ArrayList<>();
    for (String name : names(services)) {
      JsonNode service = services.path(name);
      String role = role(service);
      if (!DEFINITIONS.containsKey(role)) {
        continue;
      }
      String where = name + " (" + role + ")";
      JsonNode test = service.path("healthcheck").path("test");
      if (!test.isArray()) {
        problems.add(where + ": no health check");
        continue;
      }
      List<String> argv = new ArrayList<>();
      test.forEach(arg -> argv.add(arg.asText()));
      if (argv.size() < 3 || argv.size() > 4 || !argv.get(0).equals("CMD") || !argv.get(1).equals("fabric-healthcheck")) {
        problems.add(where + ": health check " + argv + " is not [CMD, fabric-healthcheck, PORT, PATH]");
        continue;
      }
      String httpPort = service.path("environment").path("FABRIC_HTTP_PORT").asText();
      if (!argv.get(2).equals(httpPort)) {
        problems.add(where + ": health check probes port " + argv.get(2) + ", but http.port is " + httpPort);
      }
      String path = argv.size() == 4 ? argv.get(3) : HEALTHCHECK_DEFAULT_PATH;
      Set<String> served = servedHealthPaths(role);
      if (!served.contains(path)) {
        problems.add(where + ": health check path " + path + " is not served (served: " + served + ")");
      }
    }
    return problems;
  }

  /** Problems with the mirror's settings: they load as a {@link MirrorConfig}, with replication factor 1. */
  static List<String> mirrorConfigProblems(JsonNode services) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode environment = services.path("mirror").path("environment");
    names(environment).forEach(variable -> env.put(variable, environment.path(variable).asText()));
    MirrorConfig config;
    try {
      config = MirrorConfig.from(MirrorConfig.definition().load(null, env, Map.of()));
    } catch (RuntimeException e) {
      return List.of("the mirror's environment does not load: " + e.getMessage());
    }
    return config.replicationFactor() == 1 ? List.of()
        : List.of("mirror.replication.factor is " + config.replicationFactor() + ": one broker per cloud needs 1");
  }

  /**
   * The {@code /health...} paths the role's HTTP server routes, read from its source (the routes are
   * {@code addExactPath("/health/...", ...)} calls), so a renamed route fails this test too.
   */
  static Set<String> servedHealthPaths(String role) {
    Path source = repositoryRoot().resolve(HTTP_SERVERS.get(role));
    String text;
    try {
      text = Files.readString(source);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + source + ", the " + role + "'s HTTP server", e);
    }
    Set<String> paths = new TreeSet<>();
    for (Matcher m = HEALTH_ROUTE.matcher(text); m.find(); ) {
      paths.add(m.group(1));
    }
    return paths;
  }

  static String role(JsonNode service) {
    List<String> command = command(service);
    return command.isEmpty() ? "" : command.get(0);
  }

  static List<String> command(JsonNode service) {
    List<String> out = new ArrayList<>();
    service.path("command").forEach(arg -> out.add(arg.asText()));
    return out;
  }

  static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  static Path repositoryRoot() {
    return composeFile().getParent().getParent();
  }

  /** compose/compose.yaml, found from the module folder Maven runs tests in (or any folder below the repo). */
  static Path composeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("compose/compose.yaml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("compose/compose.yaml not found above " + Path.of("").toAbsolutePath());
  }
}

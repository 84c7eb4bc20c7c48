package io.syncfabric.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.syncfabric.bridge.BridgeConfig;
import io.syncfabric.config.ConfigDef;
import io.syncfabric.config.ConfigKey;
import io.syncfabric.frontend.FrontendConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose/compose.yaml runs the same two-cloud topology as {@code ./fabric lab}: the same services
 * per cloud, the same host ports ({@link LabTopology#defaults()}), and each fabric process wired to
 * its own cloud's Kafka, so a client or script can switch between the two without changes.
 *
 * <p>Jackson's YAML parser does not expand anchors or {@code <<} merge keys, so compose.yaml keeps
 * every value checked here (environment, ports, command) written out in each service.
 */
class ComposeTopologyTest {
  private static final LabTopology LAB = LabTopology.defaults();
  /** Inside the compose network every frontend listens on 8080 (compose/README.md, prometheus.yml). */
  private static final int FRONTEND_CONTAINER_PORT = 8080;
  /** Read by the ./fabric launcher itself, not config keys. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("FABRIC_JAVA_OPTS", "FABRIC_LOG_FORMAT");

  private static JsonNode services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(composeFile().toFile());
    services = compose.path("services");
    assertThat(services.isObject()).as("services of compose.yaml").isTrue();
  }

  @Test
  void composeRunsTheLabsProcessesPlusMonitoringAndNothingElse() {
    Set<String> expected = new TreeSet<>(Set.of("mirror", "prometheus", "grafana"));
    for (LabTopology.Site site : LAB.sites()) {
      expected.add(kafka(site));
      expected.add(bridge(site));
      for (int i = 0; i < site.frontendPorts().size(); i++) {
        expected.add(frontend(site, i));
      }
    }
    assertThat(names(services)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void eachKafkaIsPublishedAtTheLabsBootstrapAndAdvertisesIt() {
    for (LabTopology.Site site : LAB.sites()) {
      JsonNode kafka = services.path(kafka(site));
      assertThat(publishedPorts(kafka)).as("ports of %s", kafka(site))
          .containsExactly(new Published(site.kafkaPort(), site.kafkaPort()));
      assertThat(env(kafka, "KAFKA_ADVERTISED_LISTENERS")).as("advertised listeners of %s", kafka(site))
          .contains("HOST://" + site.kafkaBootstrap());
      assertThat(env(kafka, "KAFKA_LISTENERS")).as("listeners of %s", kafka(site))
          .contains("HOST://:" + site.kafkaPort());
    }
  }

  @Test
  void eachBridgeIsPublishedOnTheLabsBridgePortAndReadsItsOwnCloud() {
    for (LabTopology.Site site : LAB.sites()) {
      JsonNode bridge = services.path(bridge(site));
      assertThat(command(bridge)).as("command of %s", bridge(site)).startsWith("bridge");
      assertThat(publishedPorts(bridge)).as("ports of %s", bridge(site))
          .containsExactly(new Published(site.bridgePort(), Integer.parseInt(env(bridge, "FABRIC_HTTP_PORT"))));
      assertWiredTo(bridge, bridge(site), site);
    }
  }

  @Test
  void eachFrontendIsPublishedOnItsLabPortAndJoinsItsCloudsHazelcastPool() {
    for (LabTopology.Site site : LAB.sites()) {
      List<String> members = new ArrayList<>();
      for (int i = 0; i < site.frontendPorts().size(); i++) {
        members.add(frontend(site, i) + ":" + (site.hazelcastBasePort() + i));
      }
      for (int i = 0; i < site.frontendPorts().size(); i++) {
        String name = frontend(site, i);
        JsonNode fe = services.path(name);
        int hostPort = site.frontendPorts().get(i);
        assertThat(command(fe)).as("command of %s", name).startsWith("frontend");
        assertThat(env(fe, "FABRIC_HTTP_PORT")).as("http.port of %s", name).isEqualTo(Integer.toString(FRONTEND_CONTAINER_PORT));
        assertThat(publishedPorts(fe)).as("ports of %s", name).containsExactly(new Published(hostPort, FRONTEND_CONTAINER_PORT));
        assertThat(env(fe, "FABRIC_PUBLIC_URL")).as("public.url of %s: the host port", name)
            .isEqualTo("ws://127.0.0.1:" + hostPort + "/v1/ws");
        assertThat(env(fe, "FABRIC_NODE_ID")).as("node.id of %s", name).isEqualTo(name);
        assertThat(env(fe, "FABRIC_HAZELCAST_PORT")).as("hazelcast.port of %s", name)
            .isEqualTo(Integer.toString(site.hazelcastBasePort() + i));
        assertThat(env(fe, "FABRIC_HAZELCAST_MEMBERS")).as("hazelcast.members of %s", name)
            .isEqualTo(String.join(",", members));
        assertWiredTo(fe, name, site);
      }
    }
  }

  @Test
  void theMirrorReplicatesEveryCloudOnTheLabsMirrorPort() {
    JsonNode mirror = services.path("mirror");
    assertThat(command(mirror)).startsWith("mirror");
    assertThat(publishedPorts(mirror))
        .containsExactly(new Published(LAB.mirrorPort(), Integer.parseInt(env(mirror, "FABRIC_HTTP_PORT"))));
    String clusters = LAB.sites().stream()
        .map(site -> site.cloud() + "=" + internalBootstrap(site))
        .collect(Collectors.joining(","));
    assertThat(env(mirror, "FABRIC_MIRROR_CLUSTERS")).isEqualTo(clusters);
  }

  /**
   * A process reads only the FABRIC_ variables of its own keys and ignores any other, so a misspelt
   * or retired key in compose.yaml would silently fall back to its default. (The mirror's keys are
   * checked here once its config definition exists.)
   */
  @Test
  void everyFabricVariableOfAFrontendOrBridgeIsAKeyThatProcessReads() {
    Map<String, ConfigDef> definitions = Map.of("frontend", FrontendConfig.definition(), "bridge", BridgeConfig.definition());
    for (String name : names(services)) {
      JsonNode service = services.path(name);
      ConfigDef definition = definitions.get(command(service).isEmpty() ? "" : command(service).get(0));
      if (definition == null) {
        continue;
      }
      Set<String> known = definition.keys().stream().map(ConfigKey::envName).collect(Collectors.toCollection(TreeSet::new));
      known.addAll(LAUNCHER_VARIABLES);
      assertThat(names(service.path("environment"))).as("FABRIC_ variables of %s", name)
          .filteredOn(variable -> variable.startsWith("FABRIC_"))
          .allSatisfy(variable -> assertThat(known).as("keys of %s", name).contains(variable));
    }
  }

  /** A fabric process of {@code site}: its cloud id, and the Kafka address its cloud's broker advertises inside the network. */
  private static void assertWiredTo(JsonNode service, String name, LabTopology.Site site) {
    assertThat(env(service, "FABRIC_CLOUD")).as("cloud of %s", name).isEqualTo(site.cloud());
    assertThat(env(service, "FABRIC_KAFKA_BOOTSTRAP")).as("kafka.bootstrap of %s", name).isEqualTo(internalBootstrap(site));
    assertThat(env(service, "FABRIC_HTTP_HOST")).as("http.host of %s: reachable from outside the container", name)
        .isEqualTo("0.0.0.0");
  }

  /** The INTERNAL listener that {@code kafka-<cloud>} advertises to the other containers. */
  private static String internalBootstrap(LabTopology.Site site) {
    for (String listener : env(services.path(kafka(site)), "KAFKA_ADVERTISED_LISTENERS").split(",")) {
      if (listener.startsWith("INTERNAL://")) {
        return listener.substring("INTERNAL://".length());
      }
    }
    throw new AssertionError(kafka(site) + " advertises no INTERNAL listener");
  }

  private static String kafka(LabTopology.Site site) {
    return "kafka-" + site.cloud();
  }

  private static String bridge(LabTopology.Site site) {
    return "bridge-" + site.cloud();
  }

  private static String frontend(LabTopology.Site site, int index) {
    return "fe-" + site.cloud() + (index + 1);
  }

  private static String env(JsonNode service, String variable) {
    JsonNode value = service.path("environment").path(variable);
    assertThat(value.isValueNode()).as("%s in the environment (written out in the service, see class comment)", variable).isTrue();
    return value.asText();
  }

  private static List<String> command(JsonNode service) {
    List<String> out = new ArrayList<>();
    service.path("command").forEach(arg -> out.add(arg.asText()));
    return out;
  }

  /** A {@code "127.0.0.1:host:container"} entry; anything not bound to loopback fails the parse. */
  record Published(int host, int container) {}

  private static List<Published> publishedPorts(JsonNode service) {
    List<Published> out = new ArrayList<>();
    for (JsonNode entry : service.path("ports")) {
      String[] parts = entry.asText().split(":");
      assertThat(parts).as("port %s: 127.0.0.1:<host>:<container>, as the lab binds loopback only", entry.asText())
          .hasSize(3).startsWith("127.0.0.1");
      out.add(new Published(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    }
    return out;
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** compose/compose.yaml, found from the module folder Maven runs tests in (or any folder below the repo). */
  private static Path composeFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("compose/compose.yaml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("compose/compose.yaml not found above " + Path.of("").toAbsolutePath());
  }
}

package io.syncfabric.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.syncfabric.bridge.mirror.MirrorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * compose/compose.yaml runs the same two-cloud topology as {@code ./fabric lab}: the same services
 * per cloud, the same host ports ({@link LabTopology#defaults()}), and each fabric process wired to
 * its own cloud's Kafka, so a client or script can switch between the two without changes.
 *
 * <p>compose.yaml is read the way compose reads it: SnakeYAML resolves anchors and {@code <<} merge
 * keys (the shared health checks), and the result becomes a Jackson tree. The environment, ports and
 * command checked here are still written out in each service, so each one reads on its own.
 *
 * <p>The checks that return a list of problems are also fed broken copies of the real file and must
 * then report the problem, so none of them can pass by finding nothing to check.
 */
class ComposeTopologyTest {
  private static final LabTopology LAB = LabTopology.defaults();
  /** Inside the compose network every frontend listens on 8080 (compose/README.md, prometheus.yml). */
  private static final int FRONTEND_CONTAINER_PORT = 8080;

  private static JsonNode services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ComposeServiceChecks.composeFile()));
    JsonNode compose = new ObjectMapper().valueToTree(parsed);
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
    assertThat(ComposeServiceChecks.names(services)).containsExactlyInAnyOrderElementsOf(expected);
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
      assertThat(ComposeServiceChecks.command(bridge)).as("command of %s", bridge(site)).startsWith("bridge");
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
        assertThat(ComposeServiceChecks.command(fe)).as("command of %s", name).startsWith("frontend");
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
    assertThat(ComposeServiceChecks.command(mirror)).startsWith("mirror");
    assertThat(publishedPorts(mirror))
        .containsExactly(new Published(LAB.mirrorPort(), Integer.parseInt(env(mirror, "FABRIC_HTTP_PORT"))));
    String clusters = LAB.sites().stream()
        .map(site -> site.cloud() + "=" + internalBootstrap(site))
        .collect(Collectors.joining(","));
    assertThat(env(mirror, "FABRIC_MIRROR_CLUSTERS")).isEqualTo(clusters);
    assertThat(env(mirror, "FABRIC_HTTP_HOST")).as("http.host of the mirror: reachable from outside the container")
        .isEqualTo("0.0.0.0");
  }

  /**
   * Each compose cloud has one Kafka broker, like the lab's (whose mirror sets
   * {@code mirror.replication.factor=1} in {@code Lab}); MirrorMaker 2's default of 3 could not
   * create its topics there. The mirror's environment must also load as a valid {@link MirrorConfig}.
   */
  @Test
  void theMirrorsConfigLoadsWithReplicationFactorOneForTheSingleBrokerClouds() {
    assertThat(ComposeServiceChecks.mirrorConfigProblems(services)).isEmpty();
  }

  @Test
  void theMirrorConfigCheckRejectsAMissingReplicationFactorAndAnInvalidValue() {
    assertThat(ComposeServiceChecks.mirrorConfigProblems(broken(s -> environment(s, "mirror").remove("FABRIC_MIRROR_REPLICATION_FACTOR"))))
        .containsExactly("mirror.replication.factor is 3: one broker per cloud needs 1");
    List<String> invalid = ComposeServiceChecks.mirrorConfigProblems(broken(s -> environment(s, "mirror").put("FABRIC_MIRROR_REPLICATION_FACTOR", "0")));
    assertThat(invalid).hasSize(1);
    assertThat(invalid.get(0)).startsWith("the mirror's environment does not load: mirror.replication.factor");
  }

  /**
   * A process reads only the FABRIC_ variables of its own keys and ignores any other, so a misspelt
   * or retired key in compose.yaml would silently fall back to its default.
   */
  @Test
  void everyFabricVariableOfAFrontendBridgeOrMirrorIsAKeyThatProcessReads() {
    assertThat(ComposeServiceChecks.fabricVariableProblems(services)).isEmpty();
  }

  @Test
  void theVariableCheckRejectsAKeyOfAnotherRoleOnTheMirrorAndAMisspeltOneOnAFrontend() {
    JsonNode broken = broken(s -> {
      environment(s, "mirror").put("FABRIC_KAFKA_BOOTSTRAP", "kafka-a:9092"); // a bridge/frontend key, not the mirror's
      environment(s, "fe-a1").put("FABRIC_HAZELCAST_MEMBER", "fe-a1:5701");
    });
    assertThat(ComposeServiceChecks.fabricVariableProblems(broken)).containsExactlyInAnyOrder(
        "fe-a1 (frontend): FABRIC_HAZELCAST_MEMBER is no key of that process",
        "mirror (mirror): FABRIC_KAFKA_BOOTSTRAP is no key of that process");
  }

  /**
   * Every fabric service has a health check, and it asks the service's own {@code http.port} for a
   * path its HTTP server routes: {@code /health} alone, for instance, is a 404 and the service would
   * never turn healthy.
   */
  @Test
  void everyFabricHealthCheckProbesAPathItsProcessServesOnItsHttpPort() {
    for (String role : ComposeServiceChecks.DEFINITIONS.keySet()) {
      assertThat(ComposeServiceChecks.servedHealthPaths(role)).as("health routes of the %s's HTTP server (%s)", role, ComposeServiceChecks.HTTP_SERVERS.get(role))
          .contains("/health/live", "/health/ready");
    }
    assertThat(ComposeServiceChecks.healthCheckProblems(services)).isEmpty();
  }

  @Test
  void theHealthCheckRejectsAPathNotServedAWrongPortAndAMissingCheck() {
    assertThat(ComposeServiceChecks.healthCheckProblems(broken(s -> healthTest(s, "mirror").set(3, TextNode.valueOf("/health")))))
        .containsExactly("mirror (mirror): health check path /health is not served (served: [/health/live, /health/ready])");
    assertThat(ComposeServiceChecks.healthCheckProblems(broken(s -> healthTest(s, "fe-b2").set(2, TextNode.valueOf("8081")))))
        .containsExactly("fe-b2 (frontend): health check probes port 8081, but http.port is 8080");
    assertThat(ComposeServiceChecks.healthCheckProblems(broken(s -> ((ObjectNode) s.path("bridge-a")).remove("healthcheck"))))
        .containsExactly("bridge-a (bridge): no health check");
  }

  /** A deep copy of the real services with {@code change} applied. */
  private static JsonNode broken(Consumer<ObjectNode> change) {
    ObjectNode copy = services.deepCopy();
    change.accept(copy);
    return copy;
  }

  private static ObjectNode environment(ObjectNode services, String service) {
    return (ObjectNode) services.path(service).path("environment");
  }

  private static ArrayNode healthTest(ObjectNode services, String service) {
    return (ArrayNode) services.path(service).path("healthcheck").path("test");
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

}

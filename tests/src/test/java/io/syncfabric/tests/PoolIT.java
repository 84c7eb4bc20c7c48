package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricException;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.FailoverClient;
import io.syncfabric.client.PresenceInfo;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.ConnectedNodes;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Membership, discovery, ping, the served client, presence and per-user limits on a pool of three. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoolIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static TestFabric fabric;
  static List<FrontendServer> fes;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("pool", 3, Map.of("ws.max.connections.per.user", "2", "region", "eu-west"), Map.of());
    fes = fabric.frontends();
    await().atMost(Duration.ofSeconds(30)).until(() -> PoolFailoverIT.discoveredNodes(fes.get(0)).size() == 3);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void discoveryListsEveryServingFrontendWithItsLoadAndIsOpenToAnyOrigin() throws Exception {
    HttpResponse<String> r = get(fes.get(1), "/v1/discovery?region=eu-west");
    JsonNode body = JSON.readTree(r.body());
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(body.path("cloud").asText()).isEqualTo("a");
    assertThat(body.path("node").asText()).isEqualTo(fes.get(1).nodeId());
    assertThat(body.path("frontends")).hasSize(3).allSatisfy(f -> {
      assertThat(f.path("state").asText()).isEqualTo("serving");
      assertThat(f.path("region").asText()).isEqualTo("eu-west");
      assertThat(f.path("capacity").asInt()).isEqualTo(20_000);
      assertThat(f.path("url").asText()).startsWith("ws://127.0.0.1:").endsWith("/v1/ws");
      assertThat(f.path("http").asText()).startsWith("http://127.0.0.1:");
      assertThat(f.path("heartbeatAgeMs").asLong()).isBetween(0L, 8_000L);
    });
    double[] loads = new double[3];
    for (int i = 0; i < 3; i++) {
      loads[i] = body.path("frontends").get(i).path("load").asDouble();
    }
    assertThat(loads).isSorted();
  }

  @Test
  void discoveryPutsTheSessionsFrontendFirst() throws Exception {
    String session = fes.get(2).nodeId() + ".0123456789abcdef";
    JsonNode body = JSON.readTree(get(fes.get(0), "/v1/discovery?session=" + session).body());
    assertThat(body.path("frontends").get(0).path("node").asText()).isEqualTo(fes.get(2).nodeId());
  }

  @Test
  void pingIsAnEmptyUncachedAnswerNamingTheNode() throws Exception {
    HttpResponse<String> r = get(fes.get(0), "/v1/ping");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("X-Fabric-Node")).contains(fes.get(0).nodeId());
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }

  @Test
  void everyFrontendServesTheJavaScriptClient() throws Exception {
    HttpResponse<String> r = get(fes.get(2), "/fabric.js");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(r.body()).contains("export").contains("FabricClient").contains("from './fabric/policies.js'");

    HttpResponse<String> part = get(fes.get(2), "/fabric/policies.js");
    assertThat(part.statusCode()).isEqualTo(200);
    assertThat(part.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
    assertThat(part.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(part.body()).contains("export function rankFrontends");
    assertThat(get(fes.get(2), "/fabric/nope.js").statusCode()).isEqualTo(404);
  }

  @Test
  void drainIsAGuardedPost() throws Exception {
    FrontendServer fe = fes.get(0);
    assertThat(get(fe, "/admin/drain").statusCode()).isEqualTo(405);
    assertThat(get(fe, "/admin/drain").headers().firstValue("Allow")).contains("POST");
    assertThat(PoolFailoverIT.post(fe, "/admin/drain", "wrong-key")).isEqualTo(401);
    assertThat(PoolFailoverIT.post(fe, "/admin/drain", null)).isEqualTo(401);
    assertThat(fe.isDraining()).isFalse();
  }

  @Test
  void presenceSpansThePoolWithJoinAndLeaveEvents() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    FabricClient watcher = connect(fes.get(0), "watcher", new FabricListener() {
      @Override
      public void onMessage(FabricMessage message) {}

      @Override
      public void onPresence(boolean joined, String channel, PresenceInfo client) {
        events.add((joined ? "join " : "leave ") + client.user() + "@" + client.node());
      }
    });
    watcher.subscribe("pool:room", null, 0, 0, true).get(10, TimeUnit.SECONDS);
    FabricClient bob = connect(fes.get(1), "bob", m -> { });
    FabricClient carol = connect(fes.get(2), "carol", m -> { });
    bob.subscribe("pool:room").get(10, TimeUnit.SECONDS);
    carol.subscribe("pool:room").get(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        watcher.presence("pool:room").get(5, TimeUnit.SECONDS)).extracting(PresenceInfo::user)
        .containsExactlyInAnyOrder("watcher", "bob", "carol"));
    bob.unsubscribe("pool:room").get(10, TimeUnit.SECONDS);
    carol.close();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events).containsExactlyInAnyOrder(
        "join bob@" + fes.get(1).nodeId(), "join carol@" + fes.get(2).nodeId(),
        "leave bob@" + fes.get(1).nodeId(), "leave carol@" + fes.get(2).nodeId()));
    assertThat(watcher.presence("pool:room").get(5, TimeUnit.SECONDS)).extracting(PresenceInfo::user)
        .containsExactly("watcher");
    watcher.close();
    bob.close();
  }

  @Test
  void theConnectionLimitPerUserCountsTheWholePool() throws Exception {
    FabricClient first = connect(fes.get(0), "limited", m -> { });
    FabricClient second = connect(fes.get(1), "limited", m -> { });
    assertThatThrownBy(() -> connect(fes.get(2), "limited", m -> { }))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(FabricException.class, e -> assertThat(e.name()).isEqualTo("too-many-connections"));
    second.close();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> connect(fes.get(2), "limited", m -> { }) != null);
    first.close();
  }

  @Test
  void aFailoverClientReturnsToItsFrontendWhileItIsHealthy() throws Exception {
    ConnectedNodes connected = new ConnectedNodes();
    List<String> nodes = connected.nodes();
    FailoverClient client = FailoverClient.builder(
        fes.stream().map(f -> URI.create(f.publicHttpUrl())).toList(),
        () -> fabric.token("sticky", List.of("pool:*")), connected).build();
    try {
      client.start().get(20, TimeUnit.SECONDS);
      for (int i = 0; i < 3; i++) {
        client.dropConnection();
        int seen = i + 2;
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.size() == seen);
      }
      assertThat(nodes).hasSize(4).containsOnly(nodes.get(0));
    } finally {
      client.close();
    }
  }

  private static FabricClient connect(FrontendServer fe, String user, FabricListener listener) throws Exception {
    return FabricClient.connect(HTTP, URI.create(fe.publicUrl()), fabric.token(user, List.of("pool:*")), listener)
        .get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(FrontendServer fe, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

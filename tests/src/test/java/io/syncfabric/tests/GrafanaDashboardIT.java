package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.schema.MemberAnnouncement;
import io.syncfabric.schema.MemberAnnouncementCodec;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.RecordingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The compose lab's Prometheus and Grafana files (compose/) against a real fabric: every metric a
 * dashboard query names is exposed by a real frontend's {@code /metrics} or the real sequencer's
 * registry, the dashboard is a valid provisioned one, Prometheus scrapes every job at
 * {@code /metrics}, and the counters the main panels rate actually move with traffic.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrafanaDashboardIT {
  /** Metric names as PromQL spells them; label names, values and Grafana's $variables don't match. */
  static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:$])((?:fabric|jvm|process|kafka)_[a-z0-9_]+)");
  /** A Grafana variable reference; {@code $__...} are Grafana's own. */
  static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");
  /** Core Grafana panel types: the dashboard must load on a stock Grafana, no plugin installs. */
  static final Set<String> CORE_PANELS = Set.of("row", "timeseries", "stat", "gauge", "bargauge", "table", "text",
      "heatmap", "state-timeline");
  static final int BURST = 500;
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static TestFabric fabric;
  static FrontendServer frontend;
  static Path compose;

  @BeforeAll
  static void start() {
    compose = composeDir();
    fabric = TestFabric.start("grafana", 1);
    frontend = fabric.frontends().get(0);
  }

  @AfterAll
  static void stop() {
    if (fabric != null) {
      fabric.close();
    }
  }

  @Test
  @Order(1)
  void theDashboardIsAValidProvisionedDashboardOnTheProvisionedDatasource() throws Exception {
    String uid = provisionedDatasourceUid();
    JsonNode dashboard = dashboard();
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    Set<Integer> ids = new HashSet<>();
    List<JsonNode> panels = panels(dashboard);
    assertThat(panels).as("panels").hasSizeGreaterThan(10);
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as("id of %s", title).isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s of %s is unique", panel.path("id"), title).isTrue();
      assertThat(title).as("title of panel %s", panel.path("id")).isNotBlank();
      assertThat(CORE_PANELS).as("type of %s (no external plugins)", title).contains(panel.path("type").asText());
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("gridPos of %s fits 24 columns", title)
          .isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", title).isEqualTo(uid);
      assertThat(panel.path("targets").size()).as("targets of %s", title).isPositive();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as("expr of %s", title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s unique", title).isTrue();
        assertThat(target.path("datasource").path("uid").asText()).as("target datasource of %s", title).isEqualTo(uid);
      }
    }
    List<String> variables = new ArrayList<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      variables.add(variable.path("name").asText());
      assertThat(variable.path("datasource").path("uid").asText()).as("datasource of $%s", variable.path("name"))
          .isEqualTo(uid);
    }
    assertThat(variables).contains("cloud", "node");
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = VARIABLE.matcher(target.path("expr").asText());
        while (m.find()) {
          assertThat(m.group(1)).as("variable in %s", panel.path("title").asText())
              .satisfiesAnyOf(v -> assertThat(v).startsWith("__"), v -> assertThat(variables).contains(v));
        }
      }
    }

    JsonNode provider = YAML.readTree(compose.resolve("grafana/provisioning/dashboards/provider.yml").toFile())
        .path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("path").asText())
        .as("provider path is where compose mounts provisioning/dashboards (README)")
        .isEqualTo("/etc/grafana/provisioning/dashboards");
  }

  @Test
  @Order(2)
  void prometheusScrapesEveryFrontendAndBridgeAtMetricsEveryFiveSecondsWithACloudLabel() throws Exception {
    JsonNode config = YAML.readTree(compose.resolve("prometheus/prometheus.yml").toFile());
    assertThat(config.path("global").path("scrape_interval").asText()).isEqualTo("5s");
    List<String> jobs = new ArrayList<>();
    for (JsonNode job : config.path("scrape_configs")) {
      String name = job.path("job_name").asText();
      jobs.add(name);
      assertThat(job.path("metrics_path").asText()).as("metrics_path of %s", name).isEqualTo("/metrics");
      assertThat(job.path("static_configs").size()).as("static_configs of %s", name).isPositive();
      for (JsonNode group : job.path("static_configs")) {
        assertThat(group.path("targets").size()).as("targets of %s", name).isPositive();
        group.path("targets").forEach(t -> assertThat(t.asText()).as("target of %s", name).matches("[a-z0-9.-]+:\\d+"));
        if (!name.equals("fabric-mirror")) { // the mirror serves every flow between the clouds: no one cloud
          assertThat(group.path("labels").path("cloud").asText()).as("cloud label of %s", name).isNotBlank();
        }
      }
    }
    assertThat(jobs).containsExactlyInAnyOrder("fabric-frontend", "fabric-bridge", "fabric-mirror");
  }

  /** Publishes a burst to a subscribed client: the counters behind the main panels must grow by it. */
  @Test
  @Order(3)
  void messagesInDeliveriesAndFanoutLatencyMoveWithABurst() throws Exception {
    String channel = "grafana:moving";
    try (RecordingClient client = RecordingClient.connect(frontend.publicUrl(), fabric.token("moving", List.of("grafana:*")));
        SteadyPublisher publisher = new SteadyPublisher(fabric, List.of(channel), new DeliveryChecker(), new AtomicLong())) {
      client.subscribe(channel);
      String before = Scrape.metrics(frontend.port());
      double sequencedBefore = fabric.bridgeMetrics().get("fabric.sequencer.sequenced").counter().count();

      publisher.burst(BURST);
      await().atMost(Duration.ofSeconds(60)).until(() -> client.total() >= BURST);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        String after = Scrape.metrics(frontend.port());
        assertThat(Scrape.grew(before, after, "fabric_messages_in_total")).as("messages in").isGreaterThanOrEqualTo(BURST);
        assertThat(Scrape.grew(before, after, "fabric_messages_out_total")).as("deliveries").isGreaterThanOrEqualTo(BURST);
        assertThat(Scrape.grew(before, after, "fabric_fanout_latency_seconds_count")).as("fan-out latency observations")
            .isGreaterThanOrEqualTo(BURST);
        assertThat(Scrape.sum(after, "fabric_fanout_latency_seconds_bucket")).as("histogram buckets").isPositive();
      });
      assertThat(fabric.bridgeMetrics().get("fabric.sequencer.sequenced").counter().count() - sequencedBefore)
          .as("sequenced").isGreaterThanOrEqualTo(BURST);
    }
  }

  /**
   * Makes every meter that registers on first use appear (a close, a refused HTTP call, a recovery,
   * a bad envelope, a GC, a departed pool member, a drain), then checks every name the dashboard
   * queries. Last: it leaves the frontend draining.
   */
  @Test
  @Order(4)
  void everyMetricTheDashboardQueriesExistsInARealScrape() throws Exception {
    Set<String> queried = queriedMetricNames(dashboard());
    assertThat(queried).as("names found in the dashboard's queries").hasSizeGreaterThan(25)
        .contains("fabric_connections_open", "fabric_messages_out_total", "fabric_fanout_latency_seconds_bucket",
            "fabric_sequencer_sequenced_total", "jvm_memory_used_bytes");

    exerciseLazilyRegisteredMeters();
    Set<String> frontendNames = Scrape.sampleNames(Scrape.metrics(frontend.port()));
    Set<String> bridgeNames = Scrape.sampleNames(Scrape.asPrometheus(fabric.bridgeMetrics()));
    assertThat(bridgeNames).contains("fabric_sequencer_dlq_total", "kafka_stream_thread_commit_latency_avg");

    Set<String> missing = new TreeSet<>();
    for (String name : queried) {
      if (name.startsWith("fabric_mirror_")) {
        continue; // the mirror's own process: MirrorMetricsTest checks these panels against its meters
      }
      boolean bridge = name.startsWith("fabric_sequencer_") || name.startsWith("kafka_");
      if (!(bridge ? bridgeNames : frontendNames).contains(name)) {
        missing.add(name + (bridge ? " (bridge)" : " (frontend)"));
      }
    }
    assertThat(missing).as("dashboard metrics no process exposes").isEmpty();
  }

  private void exerciseLazilyRegisteredMeters() throws Exception {
    String channel = "grafana:lazy";
    String token = fabric.token("lazy", List.of("grafana:*"));
    RecordingClient first = RecordingClient.connect(frontend.publicUrl(), token);
    first.subscribe(channel);
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, List.of(channel), new DeliveryChecker(), new AtomicLong())) {
      publisher.burst(20);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> first.total() >= 20);
    FabricMessage last = first.messages(channel).get(19);
    first.close(); // fabric_connections_closed_total{reason="client"}

    // fabric_recoveries_total: resume ten messages back, served by the hot history
    FabricClient resumer = FabricClient.connect(URI.create(frontend.publicUrl()), token, m -> { })
        .get(15, TimeUnit.SECONDS);
    resumer.subscribe(channel, last.epoch(), last.seq() - 10).get(15, TimeUnit.SECONDS);

    // fabric_http_rejected_total: a publish without the API key
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(frontend.publicHttpUrl() + "/v1/publish"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);

    // fabric_envelopes_invalid_total: a record on the events topic that is no envelope
    Properties p = new Properties();
    p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()));
    try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(fabric.eventsTopic(), "grafana:bad".getBytes(), "not an envelope".getBytes())).get();
    }

    // fabric_replication_*: an announcement of another cloud's frontend, where MirrorMaker 2 would copy it
    MemberAnnouncement remote = MemberAnnouncement.newBuilder().setNode("grafana-b-8180").setCloud("b").setRegion("r")
        .setUrl("ws://127.0.0.1:1/v1/ws").setHttp("http://127.0.0.1:1").setState("serving").setConnections(0)
        .setCapacity(10).setAnnouncedAt(System.currentTimeMillis()).build();
    try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("b." + fabric.membersTopic(), remote.getNode().getBytes(),
          MemberAnnouncementCodec.encode(remote))).get();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> Scrape.metrics(frontend.port()).contains("fabric_replication_lag_ms{"));

    System.gc(); // jvm_gc_pause_seconds registers on the first GC after the frontend bound its meters

    // fabric_pool_departures_total: a second frontend joins the pool and crashes
    FrontendServer victim = fabric.startFrontend();
    await().atMost(Duration.ofSeconds(30)).until(() -> Scrape.value(Scrape.metrics(frontend.port()),
        "fabric_pool_members", null, null) == 2);
    victim.halt();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String text = Scrape.metrics(frontend.port());
      assertThat(Scrape.sum(text, "fabric_connections_closed_total")).as("closed connections").isPositive();
      assertThat(Scrape.sum(text, "fabric_recoveries_total")).as("recoveries").isPositive();
      assertThat(Scrape.sum(text, "fabric_envelopes_invalid_total")).as("invalid envelopes").isPositive();
      assertThat(Scrape.sum(text, "fabric_pool_departures_total")).as("pool departures").isPositive();
      assertThat(Scrape.sum(text, "jvm_gc_pause_seconds_count")).as("GC pauses").isPositive();
    });

    // fabric_drains_total and fabric_reconnect_hints_total: drain with the resumer still connected
    assertThat(frontend.startDrain()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Scrape.value(Scrape.metrics(frontend.port()), "fabric_reconnect_hints_total", null, null) >= 1);
    resumer.close();
  }

  /** Every metric name in every panel query and variable query. */
  static Set<String> queriedMetricNames(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    List<String> queries = new ArrayList<>();
    panels(dashboard).forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
    dashboard.path("templating").path("list").forEach(v -> {
      queries.add(v.path("definition").asText());
      queries.add(v.path("query").isTextual() ? v.path("query").asText() : v.path("query").path("query").asText());
    });
    for (String query : queries) {
      Matcher m = METRIC.matcher(query);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Panels, with those nested in collapsed rows. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  JsonNode dashboard() throws Exception {
    return JSON.readTree(compose.resolve("grafana/provisioning/dashboards/syncfabric.json").toFile());
  }

  String provisionedDatasourceUid() throws Exception {
    JsonNode datasources = YAML.readTree(compose.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
        .path("datasources");
    assertThat(datasources.size()).isEqualTo(1);
    assertThat(datasources.get(0).path("type").asText()).isEqualTo("prometheus");
    String uid = datasources.get(0).path("uid").asText();
    assertThat(uid).as("provisioned datasource uid").isNotBlank();
    return uid;
  }

  static Path composeDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("compose/grafana"))) {
        return dir.resolve("compose");
      }
    }
    throw new IllegalStateException("compose/grafana not found above " + Path.of("").toAbsolutePath());
  }
}

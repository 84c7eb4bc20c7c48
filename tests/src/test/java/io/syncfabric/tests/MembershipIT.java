package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.client.FailoverClient;
import io.syncfabric.frontend.FrontendConfig;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.schema.MemberAnnouncement;
import io.syncfabric.schema.MemberAnnouncementCodec;
import io.syncfabric.tests.support.ConnectedNodes;
import io.syncfabric.tests.support.KafkaCluster;
import io.syncfabric.tests.support.MirrorLikeCopier;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Cross-cloud membership on real frontends and a real Kafka cluster: cloud a (Hazelcast pool,
 * sequencer) and real frontends of cloud b announcing on b's own members topic, copied to
 * {@code b.<a's members topic>} as MirrorMaker 2 would (same key, value, timestamp). Discovery of a
 * lists b's serving frontends after its own; they leave at once when they drain or stop, and after
 * the TTL when the link stops carrying their announcements; the lag gauge follows a slow link; a
 * Java client that knew only cloud a finds cloud b when a goes dark.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
  private static final long TTL_MS = 4_000;
  private static final Map<String, String> FAST = Map.of("members.announce.ms", "300",
      "members.ttl.ms", Long.toString(TTL_MS), "members.topics.refresh.ms", "300");
  private static final String B_TOPIC = "members-cloud-b.members";

  static TestFabric fabric;
  static FrontendServer a;
  static final List<FrontendServer> bFrontends = new CopyOnWriteArrayList<>();
  static MirrorLikeCopier link;
  static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    fabric = TestFabric.start("members", 1, FAST, Map.of());
    a = fabric.frontends().get(0);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.bootstrap()));
    FrontendServer b1 = startCloudB("b1");
    // b's frontend creates its own members topic; the "mirror" target is made as MirrorMaker 2 would
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.listTopics().names().get().contains(B_TOPIC));
    String mirrored = "b." + fabric.membersTopic();
    admin.createTopics(List.of(new NewTopic(mirrored, Optional.of(1), Optional.empty())
        .configs(Map.of("cleanup.policy", "compact")))).all().get();
    link = new MirrorLikeCopier(KafkaCluster.bootstrap(), B_TOPIC, mirrored);
    await().atMost(Duration.ofSeconds(10)).until(() -> listed(discovery(a), b1.nodeId()) != null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (link != null) {
      link.close();
    }
    bFrontends.forEach(FrontendServer::close);
    if (fabric != null) {
      fabric.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void discoveryListsTheOtherCloudsServingFrontendsAfterItsOwnWithTheLinksFreshness() throws Exception {
    FrontendServer b1 = bFrontends.get(0);
    JsonNode body = discovery(a);

    JsonNode frontends = body.path("frontends");
    assertThat(frontends.get(0).path("node").asText()).isEqualTo(a.nodeId());
    assertThat(frontends.get(0).path("cloud").asText()).isEqualTo("a");
    JsonNode remote = listed(body, b1.nodeId());
    assertThat(remote.path("cloud").asText()).isEqualTo("b");
    assertThat(remote.path("region").asText()).isEqualTo("us-east");
    assertThat(remote.path("state").asText()).isEqualTo("serving");
    assertThat(remote.path("url").asText()).isEqualTo(b1.publicUrl());
    assertThat(remote.path("http").asText()).isEqualTo(b1.publicHttpUrl());
    assertThat(remote.path("capacity").asInt()).isEqualTo(20_000);
    assertThat(remote.path("heartbeatAgeMs").asLong()).isBetween(0L, TTL_MS);
    assertThat(body.path("membersTtlMs").asLong()).isEqualTo(TTL_MS);
    JsonNode cloudB = body.path("clouds").path("b");
    assertThat(cloudB.path("frontends").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(cloudB.path("lagMs").isNumber()).as(cloudB.toString()).isTrue();
    assertThat(cloudB.path("ageMs").asLong()).isBetween(0L, TTL_MS);

    String metrics = Scrape.metrics(a.port());
    assertThat(Scrape.value(metrics, "fabric_members_remote", null, null)).isGreaterThanOrEqualTo(1);
    assertThat(Scrape.value(metrics, "fabric_members_announced_total", null, null)).isGreaterThanOrEqualTo(1);

    JsonNode health = JSON.readTree(get(a, "/health/ready"));
    assertThat(health.path("details").path("clouds").path("b").path("frontends").asInt()).isGreaterThanOrEqualTo(1);
    // the pool of cloud b knows nothing of cloud a: nothing is copied that way
    assertThat(discovery(b1).path("frontends")).allSatisfy(f -> assertThat(f.path("cloud").asText()).isEqualTo("b"));
  }

  @Test
  void eachFrontendAnnouncesItselfOnItsCloudsCompactedMembersTopic() throws Exception {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, fabric.membersTopic());
    assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
        .isEqualTo("compact");

    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.bootstrap()), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(fabric.membersTopic(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      MemberAnnouncement last = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (last == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (a.nodeId().equals(r.key()) && r.value() != null) {
            last = MemberAnnouncementCodec.decode(r.value());
          }
        }
      }
      assertThat(last).isNotNull();
      assertThat(last.getCloud()).isEqualTo("a");
      assertThat(last.getState()).isEqualTo("serving");
      assertThat(last.getUrl()).isEqualTo(a.publicUrl());
    }
  }

  @Test
  void theLagGaugeFollowsASlowLink() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> lagMs() >= 0 && lagMs() < 500);
    link.holdMs(700);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> lagMs() >= 700);
    } finally {
      link.holdMs(0);
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> lagMs() < 500);
  }

  @Test
  void aDrainingRemoteFrontendIsNotListedAndLeavesBeforeItsTtl() throws Exception {
    FrontendServer b2 = startCloudB("b2");
    await().atMost(Duration.ofSeconds(10)).until(() -> listed(discovery(a), b2.nodeId()) != null);

    b2.startDrain();
    long lastAge = lastAgeBeforeUnlisted(b2.nodeId());

    // the draining state arrived with a fresh announcement: it did not have to expire
    assertThat(lastAge).isLessThan(TTL_MS / 2);
    assertThat(listed(discovery(a), bFrontends.get(0).nodeId())).isNotNull();
  }

  @Test
  void aCleanlyStoppedRemoteFrontendLeavesBeforeItsTtl() throws Exception {
    FrontendServer b3 = startCloudB("b3");
    await().atMost(Duration.ofSeconds(10)).until(() -> listed(discovery(a), b3.nodeId()) != null);

    Thread stopper = new Thread(b3::close);
    stopper.start();
    long lastAge = lastAgeBeforeUnlisted(b3.nodeId());
    stopper.join();
    bFrontends.remove(b3);

    assertThat(lastAge).isLessThan(TTL_MS / 2);
  }

  @Test
  void remoteFrontendsExpireAfterTheTtlWhenTheLinkStopsAndComeBackWithIt() throws Exception {
    String b1 = bFrontends.get(0).nodeId();
    link.linkUp(false);
    try {
      long cut = System.nanoTime();
      long lastAge = lastAgeBeforeUnlisted(b1);
      long goneAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);

      // listed until its TTL ran out on a's clock, then not at all
      assertThat(lastAge).isGreaterThan(TTL_MS - 1_000);
      assertThat(goneAfterMs).isGreaterThan(TTL_MS - 1_500);
      JsonNode cloudB = discovery(a).path("clouds").path("b");
      assertThat(cloudB.path("frontends").asInt()).isZero();
      assertThat(cloudB.path("ageMs").asLong()).isGreaterThan(TTL_MS - 1_000);
      assertThat(Scrape.value(Scrape.metrics(a.port()), "fabric_replication_last_record_age_ms", "origin", "b"))
          .isGreaterThan(TTL_MS - 1_000);
    } finally {
      link.linkUp(true);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> listed(discovery(a), b1) != null);
  }

  /** Last: it takes cloud a's only frontend down. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aJavaClientSeededOnlyWithCloudAFindsCloudBWhenAGoesDark() throws Exception {
    ConnectedNodes connected = new ConnectedNodes();
    List<String> nodes = connected.nodes();
    FailoverClient client = FailoverClient.builder(List.of(URI.create(a.publicHttpUrl())),
        () -> fabric.token("traveller", List.of("members:*")), connected).build();
    try {
      client.start().get(20, TimeUnit.SECONDS);
      a.halt();
      client.dropConnection(); // wherever it was: it must now find a frontend without its only seed
      await().atMost(Duration.ofSeconds(30)).until(() -> nodes.size() >= 2);
      assertThat(nodes.get(nodes.size() - 1)).isEqualTo(bFrontends.get(0).nodeId());
    } finally {
      client.close();
    }
  }

  /** Polls a's discovery until {@code node} is gone; returns its last {@code heartbeatAgeMs} seen. */
  private static long lastAgeBeforeUnlisted(String node) throws Exception {
    long lastAge = -1;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TTL_MS + 5_000);
    while (System.nanoTime() < deadline) {
      JsonNode entry = listed(discovery(a), node);
      if (entry == null) {
        return lastAge;
      }
      lastAge = entry.path("heartbeatAgeMs").asLong();
      Thread.sleep(50);
    }
    throw new AssertionError(node + " still listed " + (TTL_MS + 5_000) + " ms later");
  }

  private static double lagMs() throws Exception {
    String text = Scrape.metrics(a.port());
    return text.contains("fabric_replication_lag_ms{") ? Scrape.value(text, "fabric_replication_lag_ms", "origin", "b") : -1;
  }

  private static FrontendServer startCloudB(String name) {
    Map<String, String> settings = new HashMap<>(fabric.nextFrontendSettings());
    settings.putAll(FAST);
    settings.put("cloud", "b");
    settings.put("node.id", "b-" + name);
    settings.put("region", "us-east");
    settings.put("hazelcast.enabled", "false");
    settings.put("topics.members", B_TOPIC);
    FrontendServer fe = new FrontendServer(FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(),
        settings))).start();
    bFrontends.add(fe);
    await().atMost(Duration.ofSeconds(20)).until(fe::isReady);
    return fe;
  }

  private static JsonNode listed(JsonNode discovery, String node) {
    for (JsonNode f : discovery.path("frontends")) {
      if (f.path("node").asText().equals(node)) {
        return f;
      }
    }
    return null;
  }

  private static JsonNode discovery(FrontendServer fe) throws Exception {
    return JSON.readTree(get(fe, "/v1/discovery"));
  }

  private static String get(FrontendServer fe, String path) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fe.publicHttpUrl() + path)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }
}

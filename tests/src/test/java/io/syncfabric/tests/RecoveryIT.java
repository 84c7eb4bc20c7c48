package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.ResumingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exact resume on real parts: two frontends in one Hazelcast cluster, real Kafka, clients that drop
 * and come back with {@code since}. The delivery checker must find nothing lost, duplicated or
 * reordered; where a gap cannot be filled the client must be told (recovered=false).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecoveryIT {
  static final List<String> CHANNELS = IntStream.range(0, 10).mapToObj(i -> "rec:" + i).toList();

  private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
  private final DeliveryChecker checker = new DeliveryChecker();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong clientIds = new AtomicLong();
  private final Random random = new Random(42);
  private TestFabric fabric;

  @AfterEach
  void stop() {
    if (fabric != null) {
      fabric.close();
    }
  }

  private List<ResumingClient> clients(int n, int channelsEach, FrontendServer... frontends) throws Exception {
    String token = fabric.token("rec", List.of("rec:*"));
    List<ResumingClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> mine = new ArrayList<>();
      for (int k = 0; k < channelsEach; k++) {
        mine.add(CHANNELS.get((i + k * 3) % CHANNELS.size()));
      }
      ResumingClient c = new ResumingClient("client-" + clientIds.incrementAndGet(), http, token, mine, checker);
      c.connect(frontends[i % frontends.length].publicUrl());
      clients.add(c);
    }
    return clients;
  }

  private void awaitEveryoneCaughtUp() {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(checker.missing()).as(() -> checker.report().details().toString()).isZero());
  }

  private static String trailOf(List<ResumingClient> clients, DeliveryChecker.Report report) {
    if (report.details().isEmpty()) {
      return "";
    }
    String first = report.details().get(0);
    String client = first.substring(0, first.indexOf('/'));
    String channel = first.substring(first.indexOf('/') + 1, first.indexOf(':', first.indexOf('/') + 5));
    return clients.stream().filter(c -> c.id().equals(client)).findFirst()
        .map(c -> c.trail(400).stream().filter(e -> e.contains(channel)).toList().toString()).orElse("");
  }

  private static int recoveredFalse(List<ResumingClient> clients) {
    return clients.stream().mapToInt(ResumingClient::notRecovered).sum();
  }

  @Test
  void clientsDroppingAtRandomResumeWithNothingLostDuplicatedOrReordered() throws Exception {
    fabric = TestFabric.start("rec-random", 2);
    List<FrontendServer> fe = fabric.frontends();
    List<ResumingClient> clients = clients(100, 3, fe.get(0), fe.get(1));

    try (SteadyPublisher publisher = new SteadyPublisher(fabric, CHANNELS, checker, ids)) {
      // every client first sees a message on each of its channels: its resume point
      publisher.burst(CHANNELS.size());
      awaitEveryoneCaughtUp();
      publisher.start(300, 3_000);
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int reconnects = 0;
      while (System.nanoTime() < end) { // bounded chaos: a drop and a reconnect every ~40 ms for 10 s
        ResumingClient c = clients.get(random.nextInt(clients.size()));
        c.drop();
        c.connect(fe.get(random.nextInt(2)).publicUrl());
        reconnects++;
        Thread.sleep(random.nextInt(40));
      }
      publisher.awaitDone();
      assertThat(reconnects).isGreaterThan(50);
    }
    awaitEveryoneCaughtUp();
    DeliveryChecker.Report report = checker.report();
    assertThat(report.clean()).as(() -> report + " trail of the first: " + trailOf(clients, report)).isTrue();
    assertThat(recoveredFalse(clients)).isZero();
    assertThat(clients.stream().mapToInt(ResumingClient::recovered).sum()).isGreaterThan(50);
    clients.forEach(ResumingClient::close);
  }

  @Test
  void theClientsOfAKilledFrontendResumeOnTheOtherOne() throws Exception {
    fabric = TestFabric.start("rec-kill", 2);
    FrontendServer survivor = fabric.frontends().get(0);
    FrontendServer victim = fabric.frontends().get(1);
    List<ResumingClient> onVictim = clients(60, 2, victim);
    List<ResumingClient> onSurvivor = clients(20, 2, survivor);

    try (SteadyPublisher publisher = new SteadyPublisher(fabric, CHANNELS, checker, ids).start(300, 2_400)) {
      Thread.sleep(3_000);
      victim.halt(); // kill -9: no close frames, its Hazelcast member gone without hand-over
      onVictim.forEach(ResumingClient::drop);
      for (ResumingClient c : onVictim) {
        c.connect(survivor.publicUrl());
      }
      publisher.awaitDone();
    }
    awaitEveryoneCaughtUp();
    DeliveryChecker.Report report = checker.report();
    List<ResumingClient> all = new ArrayList<>(onVictim);
    all.addAll(onSurvivor);
    assertThat(report.clean()).as(() -> report + " trail of the first: " + trailOf(all, report)).isTrue();
    assertThat(recoveredFalse(onVictim)).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> survivor.hazelcast().memberCount() == 1);
  }

  @Test
  void withAllHazelcastStateLostRecoveryReadsKafka() throws Exception {
    fabric = TestFabric.start("rec-kafka", 2);
    FrontendServer fe = fabric.frontends().get(0);
    List<ResumingClient> clients = clients(40, 2, fe);
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, CHANNELS, checker, ids)) {
      publisher.burst(300);
      awaitEveryoneCaughtUp();
      clients.forEach(ResumingClient::drop);
      publisher.burst(300);
      Thread.sleep(1_000); // let the history writers store the second burst, then lose it all
      fe.hazelcast().instance().getMap(HazelcastHistoryStore.MAP).clear();
      for (ResumingClient c : clients) {
        c.connect(fabric.frontends().get(1).publicUrl());
      }
    }
    awaitEveryoneCaughtUp();
    DeliveryChecker.Report report = checker.report();
    assertThat(report.clean()).as(report.toString()).isTrue();
    assertThat(recoveredFalse(clients)).isZero();
    String metrics = Scrape.metrics(fabric.frontends().get(1).port());
    assertThat(Scrape.value(metrics, "fabric_recoveries_total", "outcome", "kafka")).isGreaterThan(0);
    assertThat(fabric.frontends().get(1).replayer().scans()).isPositive();
  }

  @Test
  void aGapBeyondKafkaRetentionIsReportedAsRecoveredFalse() throws Exception {
    fabric = TestFabric.start("rec-retention", 1);
    FrontendServer fe = fabric.frontends().get(0);
    List<String> one = List.of("rec:0");
    ResumingClient client = new ResumingClient("lonely", http, fabric.token("rec", List.of("rec:*")), one, checker);
    client.connect(fe.publicUrl());
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, one, checker, ids)) {
      publisher.burst(20);
      await().atMost(Duration.ofSeconds(30)).until(() -> checker.missing() == 0);
      client.drop();
      publisher.burst(50);
      Thread.sleep(1_000);
      fe.hazelcast().instance().getMap(HazelcastHistoryStore.MAP).clear();
      deleteAllEvents();
      client.connect(fe.publicUrl());
    }
    assertThat(client.notRecovered()).isEqualTo(1);
    assertThat(client.lastReply().recovered()).isFalse();
    assertThat(Scrape.value(Scrape.metrics(fe.port()), "fabric_recoveries_total", "outcome", "failed")).isEqualTo(1);
  }

  @Test
  void aChannelWhoseCounterStateIsLostGetsANewEpochAndResumingClientsAreToldSo() throws Exception {
    fabric = TestFabric.start("rec-epoch", 1);
    FrontendServer fe = fabric.frontends().get(0);
    List<String> one = List.of("rec:0");
    ResumingClient client = new ResumingClient("epoch", http, fabric.token("rec", List.of("rec:*")), one, checker);
    client.connect(fe.publicUrl());
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, one, checker, ids)) {
      publisher.burst(5);
      await().atMost(Duration.ofSeconds(30)).until(() -> checker.missing() == 0);
      String oldEpoch = client.lastMessage("rec:0").epoch();
      client.drop();
      // lose the sequencer's counters: its local state and the changelog behind it
      fabric.stopSequencer();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()))) {
        admin.deleteTopics(List.of("rec-epoch-sequencer-channel-counters-changelog")).all().get();
      }
      Thread.sleep(1_000);
      fabric.startSequencer();
      fabric.awaitReady(Duration.ofSeconds(60));
      publisher.burst(3);
      Thread.sleep(1_000);
      client.connect(fe.publicUrl());
      assertThat(client.lastReply().recovered()).isFalse();
      assertThat(client.lastReply().epoch()).as("a new epoch, never a reused seq").isNotEqualTo(oldEpoch);
      publisher.burst(1);
      await().atMost(Duration.ofSeconds(30)).until(() ->
          client.lastMessage("rec:0") != null && client.lastMessage("rec:0").seq() == 4
              && !client.lastMessage("rec:0").epoch().equals(oldEpoch));
    }
    assertThat(Scrape.value(Scrape.metrics(fe.port()), "fabric_recoveries_total", "reason", "epoch-changed")).isEqualTo(1);
  }

  @Test
  void theHistoryOpReturnsTheNewestMessagesOrThoseAfterAPosition() throws Exception {
    fabric = TestFabric.start("rec-history", 1);
    FrontendServer fe = fabric.frontends().get(0);
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, List.of("rec:h"), checker, ids)) {
      publisher.burst(5);
    }
    try (var s = io.syncfabric.tests.support.RawSocket.open(fe.publicUrl())) {
      s.send("{\"op\":\"connect\",\"token\":\"" + fabric.token("h", List.of("rec:*")) + "\"}");
      s.next();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        s.send("{\"op\":\"history\",\"id\":1,\"channel\":\"rec:h\",\"limit\":3}");
        var reply = s.next();
        assertThat(reply.get("op").asText()).isEqualTo("history");
        assertThat(reply.get("seq").asLong()).isEqualTo(5);
        assertThat(reply.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(3L, 4L, 5L);
      });
      s.send("{\"op\":\"history\",\"id\":2,\"channel\":\"rec:h\",\"limit\":1}");
      String epoch = s.next().get("epoch").asText();
      s.send("{\"op\":\"history\",\"id\":3,\"channel\":\"rec:h\",\"since\":{\"epoch\":\"" + epoch + "\",\"seq\":1}}");
      assertThat(s.next().get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(2L, 3L, 4L, 5L);
      s.send("{\"op\":\"history\",\"id\":4,\"channel\":\"secret:x\"}");
      assertThat(s.next().get("code").asInt()).isEqualTo(110);
    }
  }

  /** What retention does to old segments, done now: every event record is deleted. */
  private void deleteAllEvents() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fabric.bootstrap()))) {
      var partitions = admin.describeTopics(List.of(fabric.eventsTopic())).allTopicNames().get()
          .get(fabric.eventsTopic()).partitions();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(p -> latest.put(new TopicPartition(fabric.eventsTopic(), p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, RecordsToDelete> delete = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
      admin.deleteRecords(delete).all().get();
    }
  }
}

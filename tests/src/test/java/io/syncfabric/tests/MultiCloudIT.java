package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorRunner;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.cli.lab.KafkaBrokerProcess;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.FailoverClient;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.KafkaCluster;
import io.syncfabric.tests.support.PoolClients;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TcpLink;
import io.syncfabric.tests.support.TestFabric;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two clouds on real parts: cloud a's Kafka broker in a child JVM (so it can be stopped and started
 * again with its data), cloud b's in this JVM, Kafka's MirrorMaker 2 both ways, each cloud's
 * sequencer and two frontends, and Java clients. Every byte MirrorMaker 2 exchanges with cloud a
 * goes through a {@link TcpLink}, so the link between the clouds can be cut.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiCloudIT {
  private static final String PREFIX = "mc";
  private static KafkaBrokerProcess brokerA;
  private static TcpLink link;
  private static MirrorRunner mirror;
  private static TestFabric a;
  private static TestFabric b;

  @BeforeAll
  static void startTwoClouds() throws Exception {
    List<Integer> ports = freePorts(3);
    Path dir = Files.createTempDirectory("syncfabric-it-cloud-a-");
    link = new TcpLink(ports.get(2));
    brokerA = new KafkaBrokerProcess(dir, "127.0.0.1", ports.get(0), ports.get(1))
        .withRemoteListener(ports.get(2), link.port()).start(Duration.ofSeconds(90));
    String bootstrapB = KafkaCluster.bootstrap("b");
    a = TestFabric.startCloud(PREFIX, "a", brokerA.bootstrap(), 2, Map.of(), Map.of());
    b = TestFabric.startCloud(PREFIX, "b", bootstrapB, 2, Map.of(), Map.of());
    mirror = new MirrorRunner(MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=" + brokerA.remoteBootstrap() + ",b=" + bootstrapB,
        "mirror.topics", "mc\\.events,mc\\.members",
        "topics.events", a.eventsTopic(),
        "mirror.replication.factor", "1",
        "http.port", "0"))), new SimpleMeterRegistry()).start();
    assertThat(mirror.awaitReady(Duration.ofSeconds(90))).as(mirror.detailsJson()).isTrue();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {mirror, a, b, brokerA, link}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
  }

  @Test
  @Order(1)
  void aMessageKeepsItsIdentityWhicheverCloudDeliversIt() throws Exception {
    List<FabricMessage> onA = new CopyOnWriteArrayList<>();
    List<FabricMessage> onB = new CopyOnWriteArrayList<>();
    String channel = "mc:identity";
    FabricClient clientA = subscriber(a.frontends().get(0), channel, onA);
    FabricClient clientB = subscriber(b.frontends().get(1), channel, onB);
    try (Publisher inA = publisher(a); Publisher inB = publisher(b)) {
      inA.publishJson(channel, "{\"id\":1}");
      inA.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> onA.size() == 1 && onB.size() == 1);
      inB.publishJson(channel, "{\"id\":2}");
      inB.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> onA.size() == 2 && onB.size() == 2);
    } finally {
      clientA.close();
      clientB.close();
    }
    assertThat(onB).as("the same origin, epoch and seq in both clouds").isEqualTo(onA);
    assertThat(onA).extracting(FabricMessage::origin).containsExactly("a", "b");
    assertThat(onA).extracting(FabricMessage::seq).containsExactly(1L, 1L);
  }

  @Test
  @Order(2)
  void clientsOfADarkCloudResumeInTheOtherAtTheExactMessage() throws Exception {
    List<String> channels = IntStream.range(0, 8).mapToObj(i -> "mc:failover-" + i).toList();
    DeliveryChecker checker = new DeliveryChecker();
    AtomicLong ids = new AtomicLong();
    try (PoolClients clients = new PoolClients()) {
      // seeded with cloud a only: they learn cloud b's frontends from discovery
      clients.start(40, a.frontends(), a.token("fo", List.of("mc:*")),
          i -> List.of(channels.get(i % 8), channels.get((i * 3 + 1) % 8)), checker);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(discoveredClouds(a.frontends().get(0))).containsExactlyInAnyOrder("a", "b"));
      long onA = clients.clients().stream().filter(c -> isNodeOf(c, a)).count();
      SteadyPublisher fromA = new SteadyPublisher(a, channels, checker, ids).start(40, 100_000);
      SteadyPublisher fromB = new SteadyPublisher(b, channels, checker, ids).start(40, 100_000);
      Thread.sleep(4_000);
      fromA.close(); // flushed: everything it published is in cloud a's Kafka
      a.stopAll();
      brokerA.close(); // cloud a goes dark: brokers, sequencer, frontends
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(clients.clients()).allSatisfy(c -> assertThat(isNodeOf(c, b)).as(c.node()).isTrue()));
      Thread.sleep(3_000); // cloud b keeps publishing while its new clients settle
      fromB.close();

      brokerA.start(Duration.ofSeconds(90)); // cloud a comes back with its data
      a.startSequencer();
      a.startFrontend();
      a.startFrontend();
      awaitEveryMessage(checker, clients);
      Thread.sleep(2_000); // a late duplicate would show now

      DeliveryChecker.Report report = checker.report();
      assertThat(clients.resyncReasons()).as("every resubscribe recovered").isEmpty();
      assertThat(onA).as("clients that started on cloud a").isPositive();
      assertThat(checker.publishedCount()).isGreaterThan(300);
      assertThat(report.details()).isEmpty();
      assertThat(report.clean()).isTrue();
    }
  }

  @Test
  @Order(3)
  void aLinkCutBetweenTheCloudsForThirtySecondsLosesNothing() throws Exception {
    List<String> channels = IntStream.range(0, 4).mapToObj(i -> "mc:cut-" + i).toList();
    DeliveryChecker checker = new DeliveryChecker();
    AtomicLong ids = new AtomicLong(1_000_000);
    List<FabricMessage> bSideCopiesOfA = new CopyOnWriteArrayList<>();
    FabricClient watcher = subscriber(b.frontends().get(0), channels.get(0), m -> {
      if (m.origin().equals("a")) {
        bSideCopiesOfA.add(m);
      }
    });
    try (PoolClients clients = new PoolClients()) {
      clients.start(10, live(a), a.token("cut", List.of("mc:*")), i -> channels, checker);
      clients.start(10, live(b), b.token("cut", List.of("mc:*")), i -> channels, checker);
      assertThat(clients.clients()).as("subscribers on both sides").anyMatch(c -> isNodeOf(c, a)).anyMatch(c -> isNodeOf(c, b));
      SteadyPublisher fromA = new SteadyPublisher(a, channels, checker, ids).start(20, 100_000);
      SteadyPublisher fromB = new SteadyPublisher(b, channels, checker, ids).start(20, 100_000);
      Thread.sleep(3_000);
      link.cut();
      Thread.sleep(5_000);
      int crossedBefore = bSideCopiesOfA.size();
      Thread.sleep(25_000);
      assertThat(bSideCopiesOfA).as("nothing of cloud a crossed while the link was cut").hasSize(crossedBefore);
      link.restore();
      Thread.sleep(3_000);
      fromA.close();
      fromB.close();
      awaitEveryMessage(checker, clients);
      Thread.sleep(2_000);

      DeliveryChecker.Report report = checker.report();
      assertThat(report.details()).isEmpty();
      assertThat(report.clean()).isTrue();
      assertThat(bSideCopiesOfA.size()).as("cloud a's messages crossed again").isGreaterThan(crossedBefore);
    } finally {
      watcher.close();
    }
  }

  private static FabricClient subscriber(FrontendServer fe, String channel, List<FabricMessage> into) throws Exception {
    return subscriber(fe, channel, into::add);
  }

  private static FabricClient subscriber(FrontendServer fe, String channel, java.util.function.Consumer<FabricMessage> into)
      throws Exception {
    FabricClient client = FabricClient.connect(URI.create(fe.publicUrl()), a.token("mc", List.of("mc:*")), new FabricListener() {
      @Override
      public void onMessage(FabricMessage message) {
        into.accept(message);
      }
    }).get(10, TimeUnit.SECONDS);
    client.subscribe(channel).get(10, TimeUnit.SECONDS);
    return client;
  }

  /** Waits until every client has every message; says who misses what, and the mirror's state, if not. */
  private static void awaitEveryMessage(DeliveryChecker checker, PoolClients clients) {
    await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> assertThat(checker.missing())
        .as(() -> checker.report().details() + " resyncs: " + clients.resyncReasons() + " mirror: " + mirror.detailsJson())
        .isZero());
  }

  /** The cloud's frontends still running (the ones stopped when it went dark are not). */
  private static List<FrontendServer> live(TestFabric cloud) {
    return cloud.frontends().stream().filter(FrontendServer::isReady).toList();
  }

  private static Publisher publisher(TestFabric cloud) {
    return Publisher.builder().bootstrapServers(cloud.bootstrap()).topic(cloud.ingressTopic()).build();
  }

  private static boolean isNodeOf(FailoverClient client, TestFabric cloud) {
    String node = client.node();
    return node != null && cloud.frontends().stream().anyMatch(f -> f.nodeId().equals(node));
  }

  private static List<String> discoveredClouds(FrontendServer fe) throws Exception {
    List<String> clouds = new ArrayList<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + "/v1/discovery")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    json.path("frontends").forEach(f -> {
      if (!clouds.contains(f.path("cloud").asText())) {
        clouds.add(f.path("cloud").asText());
      }
    });
    return clouds;
  }

  private static List<Integer> freePorts(int n) throws Exception {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}

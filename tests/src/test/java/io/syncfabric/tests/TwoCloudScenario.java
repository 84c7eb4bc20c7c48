package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncfabric.bridge.mirror.MirrorConfig;
import io.syncfabric.bridge.mirror.MirrorRunner;
import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.FailoverClient;
import io.syncfabric.client.Subscribed;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.PoolClients;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import io.syncfabric.tests.support.TwoCloudKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The two-cloud scenarios, once, whatever runs the clouds' Kafka ({@link #startKafka()}): each
 * cloud's sequencer and two frontends in this JVM, Kafka's MirrorMaker 2 both ways (reaching cloud a
 * only through the link {@link TwoCloudKafka} can cut), and Java clients. The scenarios run in
 * order on the same clouds: identity across clouds, cloud a going dark and back, a 30 s link cut.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoCloudScenario {
  private static final String PREFIX = "mc";
  private TwoCloudKafka kafka;
  private MirrorRunner mirror;
  private TestFabric a;
  private TestFabric b;

  /** Starts cloud a's and cloud b's Kafka and the link between them. */
  protected abstract TwoCloudKafka startKafka() throws Exception;

  @BeforeAll
  void startTwoClouds() throws Exception {
    kafka = startKafka();
    a = TestFabric.startCloud(PREFIX, "a", kafka.bootstrapA(), 2, Map.of(), Map.of());
    b = TestFabric.startCloud(PREFIX, "b", kafka.bootstrapB(), 2, Map.of(), Map.of());
    mirror = new MirrorRunner(MirrorConfig.from(MirrorConfig.definition().load(null, Map.of(), Map.of(
        "mirror.clusters", "a=" + kafka.mirrorBootstrapA() + ",b=" + kafka.bootstrapB(),
        "mirror.topics", "mc\\.events,mc\\.members",
        "topics.events", a.eventsTopic(),
        "mirror.replication.factor", "1",
        "http.port", "0"))), new SimpleMeterRegistry()).start();
    assertThat(mirror.awaitReady(Duration.ofSeconds(90))).as(mirror.detailsJson()).isTrue();
  }

  @AfterAll
  void stopTwoClouds() {
    for (AutoCloseable c : new AutoCloseable[] {mirror, a, b, kafka}) {
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
    FabricClient clientA = subscriber(a.frontends().get(0), channel, onA::add);
    FabricClient clientB = subscriber(b.frontends().get(1), channel, onB::add);
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
      // Every client must hold a position in both clouds' streams of its channels before cloud a
      // goes dark: a stream that has not reached a client's frontend yet is one it cannot name when
      // it resumes, and is then not replayed (the limitation docs/protocol.md states).
      // up to 3 min: on a loaded machine a mirror flow may be down and wait for the runner to restart it
      await().atMost(Duration.ofSeconds(180)).until(() -> checker.everyClientHasSeen("a") && checker.everyClientHasSeen("b"));
      // and must know a frontend of cloud b: a client that connected before b's announcement was
      // mirrored to a learns of b from its periodic discovery refresh
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clients.clients())
          .allSatisfy(c -> assertThat(c.knownClouds()).contains("b")));
      // The link goes first, so cloud a's last messages are in its Kafka only: b gets them when a
      // comes back and the mirror catches up. Clients on a's frontends saw some of them already.
      List<FabricMessage> bSideCopiesOfA = new CopyOnWriteArrayList<>();
      FabricClient watcher = subscriber(b.frontends().get(0), channels.get(0), m -> {
        if (m.origin().equals("a")) {
          bSideCopiesOfA.add(m);
        }
      });
      for (String channel : channels.subList(1, channels.size())) {
        watcher.subscribe(channel).get(10, TimeUnit.SECONDS);
      }
      kafka.link().cut();
      Thread.sleep(3_000);
      fromA.close(); // flushed: everything it published is in cloud a's Kafka
      a.crashAll(); // cloud a goes dark at once: frontends halted, sequencer gone,
      kafka.stopCloudA(); // and its broker SIGKILLed
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(clients.clients()).allSatisfy(c -> assertThat(isNodeOf(c, b)).as(c.node()).isTrue()));
      Thread.sleep(3_000); // cloud b keeps publishing while its new clients settle
      fromB.close();

      int crossedBeforeReturn = bSideCopiesOfA.size();
      kafka.startCloudA(); // cloud a comes back with its data
      kafka.link().restore();
      a.startSequencer();
      a.startFrontend();
      a.startFrontend();
      awaitEveryMessage(checker, clients);
      // the mirror catches up: a's messages of the cut reach cloud b now, and clients that already
      // had them from a's frontends must not get them twice
      await().atMost(Duration.ofSeconds(150)).until(() -> bSideCopiesOfA.size() > crossedBeforeReturn);
      Thread.sleep(3_000); // a late duplicate would show now
      watcher.close();

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
    // on every channel: the two publishers share one id counter, so one cloud's messages may all
    // land on every other channel
    FabricClient watcher = subscriber(b.frontends().get(0), channels.get(0), m -> {
      if (m.origin().equals("a")) {
        bSideCopiesOfA.add(m);
      }
    });
    for (String channel : channels.subList(1, channels.size())) {
      watcher.subscribe(channel).get(10, TimeUnit.SECONDS);
    }
    try (PoolClients clients = new PoolClients()) {
      clients.start(10, live(a), a.token("cut", List.of("mc:*")), i -> channels, checker);
      clients.start(10, live(b), b.token("cut", List.of("mc:*")), i -> channels, checker);
      assertThat(clients.clients()).as("subscribers on both sides").anyMatch(c -> isNodeOf(c, a)).anyMatch(c -> isNodeOf(c, b));
      SteadyPublisher fromA = new SteadyPublisher(a, channels, checker, ids).start(20, 100_000);
      SteadyPublisher fromB = new SteadyPublisher(b, channels, checker, ids).start(20, 100_000);
      // the link must be carrying cloud a's messages before it is cut (the last scenario may have
      // left the mirror restarting), or the cut proves nothing
      await().atMost(Duration.ofSeconds(90)).until(() -> !bSideCopiesOfA.isEmpty());
      Thread.sleep(2_000);
      kafka.link().cut();
      Thread.sleep(5_000);
      int crossedBefore = bSideCopiesOfA.size();
      Thread.sleep(25_000);
      assertThat(bSideCopiesOfA).as("nothing of cloud a crossed while the link was cut").hasSize(crossedBefore);
      kafka.link().restore();
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

  @Test
  @Order(4)
  void aStreamThatNeverReachedTheClientsCloudIsReplayedWhenItMovesToThatCloud() throws Exception {
    String channel = "mc:unseen";
    List<FabricMessage> onB = new CopyOnWriteArrayList<>();
    FabricClient watcher = subscriber(live(b).get(0), channel, onB::add);
    kafka.link().cut(); // nothing published in b reaches a's frontends now
    try {
      FabricClient first = connected(live(a).get(0), m -> { });
      Subscribed subscribed = first.subscribe(channel).get(10, TimeUnit.SECONDS);
      assertThat(subscribed.positions()).as("a fresh channel: no position to resume from").isEmpty();
      first.close();
      try (Publisher inB = publisher(b)) {
        for (int n = 1; n <= 3; n++) {
          inB.publishJson(channel, "{\"n\":" + n + "}");
        }
        inB.flush();
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> onB.size() == 3);

      // the client moves to cloud b with no position in b's stream, only since when it subscribed
      List<FabricMessage> resumed = new CopyOnWriteArrayList<>();
      FabricClient moved = subscriberFrom(live(b).get(1), channel, subscribed.at(), resumed::add);
      await().atMost(Duration.ofSeconds(30)).until(() -> resumed.size() == 3);
      moved.close();
      assertThat(resumed).as("b's stream from when the client subscribed, same identity").isEqualTo(onB);
    } finally {
      kafka.link().restore();
      watcher.close();
    }
  }

  /** A client that resumes {@code channel} with only {@code from} and must be answered recovered. */
  private FabricClient subscriberFrom(FrontendServer fe, String channel, long from, Consumer<FabricMessage> into) throws Exception {
    FabricClient client = connected(fe, into);
    Subscribed reply = client.subscribe(channel, List.of(), from, false).get(10, TimeUnit.SECONDS);
    assertThat(reply.recovered()).as(reply.toString()).isTrue();
    return client;
  }

  private FabricClient subscriber(FrontendServer fe, String channel, Consumer<FabricMessage> into) throws Exception {
    FabricClient client = connected(fe, into);
    client.subscribe(channel).get(10, TimeUnit.SECONDS);
    return client;
  }

  private FabricClient connected(FrontendServer fe, Consumer<FabricMessage> into) throws Exception {
    return FabricClient.connect(URI.create(fe.publicUrl()), a.token("mc", List.of("mc:*")), into::accept).get(10, TimeUnit.SECONDS);
  }

  /** Waits until every client has every message; says who misses what, and the mirror's state, if not. */
  private void awaitEveryMessage(DeliveryChecker checker, PoolClients clients) {
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

  /** The clouds whose frontends {@code fe}'s discovery lists. */
  private static List<String> discoveredClouds(FrontendServer fe) throws Exception {
    List<String> clouds = new ArrayList<>();
    String body = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + "/v1/discovery")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    new ObjectMapper().readTree(body).path("frontends").forEach(f -> {
      if (!clouds.contains(f.path("cloud").asText())) {
        clouds.add(f.path("cloud").asText());
      }
    });
    return clouds;
  }
}

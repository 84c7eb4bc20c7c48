package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.ResumingClient;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 clients of a dead frontend recover the same 20 channels at once on another frontend:
 * concurrent history reads are coalesced, the Kafka fallback is one consumer with shared scans, and
 * everyone ends with every message once, in order. Prints what it cost (see BENCHMARKS.md).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReconnectStormIT {
  static final int CLIENTS = 2_000;
  static final List<String> CHANNELS = IntStream.range(0, 20).mapToObj(i -> "storm:" + i).toList();

  static final ExecutorService pool = Executors.newFixedThreadPool(16);
  static final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
  static final DeliveryChecker checker = new DeliveryChecker();
  static final AtomicLong ids = new AtomicLong();
  static final List<ResumingClient> clients = new ArrayList<>();
  static TestFabric fabric;

  @BeforeAll
  static void start() throws Exception {
    fabric = TestFabric.start("storm", 2);
    String token = fabric.token("storm", List.of("storm:*"));
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(new ResumingClient("c" + i, http, token, List.of(CHANNELS.get(i % CHANNELS.size())), checker));
    }
    all(c -> c.connect(fabric.frontends().get(1).publicUrl()));
  }

  @AfterAll
  static void stop() {
    clients.forEach(ResumingClient::close);
    fabric.close();
    pool.shutdownNow();
  }

  @Test
  void twoThousandClientsRecoverTogetherFromTheHotHistoryThenFromKafka() throws Exception {
    FrontendServer target = fabric.frontends().get(0);
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, CHANNELS, checker, ids)) {
      publisher.burst(100);
      awaitCaughtUp();

      // storm 1: the hot history has the gap
      clients.forEach(ResumingClient::drop);
      publisher.burst(1_000);
      Thread.sleep(1_000);
      long readsBefore = target.historyReader().storeReads();
      Storm fromCache = storm(target);
      long reads = target.historyReader().storeReads() - readsBefore;

      // storm 2: all Hazelcast state lost, the gap comes from Kafka
      clients.forEach(ResumingClient::drop);
      publisher.burst(400);
      Thread.sleep(1_000);
      target.hazelcast().instance().getMap(HazelcastHistoryStore.MAP).clear();
      long scansBefore = target.replayer().scans();
      Storm fromKafka = storm(target);
      long scans = target.replayer().scans() - scansBefore;

      System.out.printf("STORM cache: %d clients recovered 50 msgs each in %d ms (subscribes answered in %d ms), "
              + "%d history store reads for %d subscriptions%n",
          CLIENTS, fromCache.caughtUpMs, fromCache.answeredMs, reads, CLIENTS);
      System.out.printf("STORM kafka: %d clients recovered 20 msgs each in %d ms (subscribes answered in %d ms), "
              + "%d partition scans by one consumer for %d subscriptions%n",
          CLIENTS, fromKafka.caughtUpMs, fromKafka.answeredMs, scans, CLIENTS);

      assertThat(clients.stream().mapToInt(ResumingClient::notRecovered).sum()).isZero();
      assertThat(clients.stream().mapToInt(ResumingClient::recovered).sum()).isEqualTo(2 * CLIENTS);
      // How many reads share one depends on how subscribes and reads overlap on the machine (seen:
      // 92-125 while reads were slow, 645-815 since they are fast); CoalescingHistoryReaderTest pins
      // the sharing itself. Without it there would be at least one read per subscription.
      assertThat(reads).as("concurrent history reads coalesced").isLessThan(CLIENTS);
      assertThat(scans).as("Kafka scans shared").isLessThan(CLIENTS / 10);
      DeliveryChecker.Report report = checker.report();
      assertThat(report.clean()).as(report.toString()).isTrue();
    }
  }

  record Storm(long answeredMs, long caughtUpMs) {}

  /** Opens every connection, then sends every resubscribe at once. */
  private static Storm storm(FrontendServer target) throws Exception {
    all(c -> c.open(target.publicUrl()));
    long started = System.nanoTime();
    CompletableFuture.allOf(clients.stream().map(ResumingClient::subscribeAll).toArray(CompletableFuture[]::new))
        .get(120, TimeUnit.SECONDS);
    long answered = (System.nanoTime() - started) / 1_000_000;
    awaitCaughtUp();
    return new Storm(answered, (System.nanoTime() - started) / 1_000_000);
  }

  private static void awaitCaughtUp() {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(checker.missing()).isZero());
  }

  interface ClientAction {
    void run(ResumingClient c) throws Exception;
  }

  private static void all(ClientAction action) throws Exception {
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (ResumingClient c : clients) {
      done.add(pool.submit(() -> {
        action.run(c);
        return null;
      }));
    }
    for (var f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
  }
}

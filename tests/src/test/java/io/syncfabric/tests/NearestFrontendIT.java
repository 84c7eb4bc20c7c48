package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.client.ClientState;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.FreePorts;
import io.syncfabric.tests.support.PoolClients;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TcpLink;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The nearest frontend, with distances that differ: one frontend on plain loopback, one that clients
 * reach only through a relay adding 150 ms each way (its public URL is the relay's). Java failover
 * clients seeded with the far one first must measure their way to the near one, and when it crashes
 * move to the far one without losing or repeating a message.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NearestFrontendIT {
  private static final int CLIENTS = 20;
  /**
   * Far enough that load cannot blur it: on a busy 2-core run the near frontend measured up to 70 ms
   * (20 clients probing at once), and candidates within 20% of the best are picked at random.
   */
  private static final long FAR_DELAY_MS = 150;

  @Test
  void clientsPickTheNearerFrontendAndFailOverToTheFarOne() throws Exception {
    int farPort = FreePorts.take(1).get(0);
    try (TestFabric fabric = TestFabric.start("nearest", 1, Map.of(
            "pool.heartbeat.ms", "500", "pool.member.ttl.ms", "5000"), Map.of());
         TcpLink relay = new TcpLink(farPort, FAR_DELAY_MS);
         PoolClients clients = new PoolClients(3)) {
      FrontendServer near = fabric.frontends().get(0);
      FrontendServer far = fabric.startFrontend(Map.of("http.port", Integer.toString(farPort),
          "public.url", "ws://127.0.0.1:" + relay.port() + "/v1/ws"));
      await().atMost(Duration.ofSeconds(30)).until(() -> far.isReady()
          && PoolFailoverIT.discoveredNodes(far).size() == 2 && PoolFailoverIT.discoveredNodes(near).size() == 2);

      DeliveryChecker checker = new DeliveryChecker();
      List<String> channels = List.of("near:a", "near:b");
      clients.startWithSeeds(List.of(URI.create(far.publicHttpUrl()), URI.create(near.publicHttpUrl())), CLIENTS,
          fabric.token("near", List.of("near:*")), i -> List.of(channels.get(i % 2)), checker);
      assertThat(clients.clients()).as(() -> "every client measured its way to the nearer frontend: " + clients.events())
          .allSatisfy(c -> assertThat(c.node()).isEqualTo(near.nodeId()));

      try (SteadyPublisher publisher = new SteadyPublisher(fabric, channels, checker, new AtomicLong()).start(50, 500)) {
        Thread.sleep(2_000);
        near.halt(); // a crash: no goodbye
        publisher.awaitDone();
      }
      // 90 s: room for one resubscribe given up on (60 s) and the retry
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(clients.clients()).as(() -> "clients' states; " + clients.events())
            .extracting(c -> c.state()).containsOnly(ClientState.CONNECTED);
        assertThat(checker.missing()).as(() -> "missing; resyncs " + clients.resyncReasons() + "; "
            + checker.report().details()).isZero();
      });

      assertThat(clients.clients()).allSatisfy(c -> assertThat(c.node()).isEqualTo(far.nodeId()));
      var report = checker.report();
      assertThat(report.details()).isEmpty();
      assertThat(report.lost() + report.duplicated() + report.reordered()).isZero();
      assertThat(clients.resyncs()).as("every resume recovered").isZero();
    }
  }
}

package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.FrontendProcess;
import io.syncfabric.tests.support.PoolClients;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scaling down: {@code ./fabric frontend} runs as its own process and takes every client; an
 * in-process frontend joins its pool; then SIGTERM makes the process drain. Failover clients move to the other frontend without
 * losing or repeating a message; a client that ignores the hint is closed with 4001 after the
 * drain timeout; the process then exits.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FrontendSigtermIT {
  @Test
  void sigtermDrainsTheFrontendAndItsClientsMoveWithoutLoss() throws Exception {
    try (TestFabric fabric = TestFabric.start("sigterm", 0);
         PoolClients clients = new PoolClients()) {
      Map<String, String> settings = new HashMap<>(fabric.nextFrontendSettings());
      settings.put("drain.timeout.ms", "3000");
      FrontendProcess frontend = FrontendProcess.start(settings, "sigterm-child");
      Process child = frontend.process();
      try {
        String childHttp = frontend.httpUrl();
        assertThat(frontend.awaitReady(Duration.ofSeconds(60))).as("the frontend process is ready").isTrue();

        // while the child is the whole pool, every client lands on it
        DeliveryChecker checker = new DeliveryChecker();
        String token = fabric.token("scale", List.of("scale:*"));
        List<String> channels = List.of("scale:a", "scale:b", "scale:c");
        clients.startWithSeeds(List.of(URI.create(childHttp)), 30, token, i -> List.of(channels.get(i % 3)), checker);
        assertThat(clients.clients()).allSatisfy(c -> assertThat(c.node()).isEqualTo("sigterm-child"));

        // then the pool grows, and the child is scaled down
        FrontendServer stays = fabric.startFrontend();
        await().atMost(Duration.ofSeconds(30)).until(stays::isReady);
        await().atMost(Duration.ofSeconds(30)).until(() -> PoolFailoverIT.discoveredNodes(stays).size() == 2
            && body(childHttp + "/v1/discovery").contains(stays.nodeId()));
        assertThat(PoolFailoverIT.post(stays, "/admin/drain", null)).as("drain needs the API key").isEqualTo(401);
        AtomicInteger stubbornClose = new AtomicInteger();
        List<String> hints = new ArrayList<>();
        FabricClient stubborn = FabricClient.connect(URI.create(frontend.wsUrl()), token,
            new FabricListener() {
              @Override
              public void onMessage(FabricMessage message) {}

              @Override
              public void onReconnect(String url, String node, String reason, long withinMs) {
                hints.add(node + " " + url + " " + reason + " " + withinMs);
              }

              @Override
              public void onClose(int code, String reason) {
                stubbornClose.set(code);
              }
            }).get(20, TimeUnit.SECONDS);
        stubborn.subscribe("scale:a").get(10, TimeUnit.SECONDS);

        AtomicLong ids = new AtomicLong();
        try (SteadyPublisher publisher = new SteadyPublisher(fabric, channels, checker, ids).start(100, 1_000)) {
          Thread.sleep(1_500);
          child.destroy(); // SIGTERM
          assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the drained frontend exits").isTrue();
          publisher.awaitDone();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> checker.missing() == 0);
        var report = checker.report();
        assertThat(report.details()).isEmpty();
        assertThat(report.lost() + report.duplicated() + report.reordered()).isZero();
        assertThat(clients.clients()).allSatisfy(c -> assertThat(c.node()).isEqualTo(stays.nodeId()));
        assertThat(hints).hasSize(1).first().asString()
            .startsWith(stays.nodeId() + " " + stays.publicUrl() + " draining 3000");
        assertThat(stubbornClose.get()).as("close code for a client that stayed").isEqualTo(4001);
        assertThat(PoolFailoverIT.discoveredNodes(stays)).containsExactly(stays.nodeId());
      } finally {
        child.destroyForcibly();
      }
    }
  }

  private static String body(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}

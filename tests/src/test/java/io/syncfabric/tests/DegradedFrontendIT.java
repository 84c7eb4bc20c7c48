package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.ResumingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A frontend whose Hazelcast member cannot start still serves and recovers clients, and says so. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DegradedFrontendIT {
  static TestFabric fabric;

  @BeforeAll
  static void start() {
    // 203.0.113.1 (TEST-NET-3) is on no interface here: Hazelcast refuses to start, nothing is sent.
    fabric = TestFabric.start("degraded", 1, Map.of("hazelcast.host", "203.0.113.1"), Map.of());
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void itIsReadyButReportsItselfDegraded() throws Exception {
    FrontendServer fe = fabric.frontends().get(0);
    assertThat(fe.hazelcast()).isNull();
    HttpResponse<String> ready = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fe.port() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"degraded\":true").contains("\"hazelcastMembers\":0")
        .contains("hazelcast down");
    assertThat(Scrape.value(Scrape.metrics(fe.port()), "fabric_hazelcast_members", null, null)).isZero();
  }

  @Test
  void clientsStillResumeFromItsOwnHistory() throws Exception {
    FrontendServer fe = fabric.frontends().get(0);
    DeliveryChecker checker = new DeliveryChecker();
    ResumingClient client = new ResumingClient("d1", HttpClient.newHttpClient(),
        fabric.token("d", List.of("deg:*")), List.of("deg:a"), checker);
    client.connect(fe.publicUrl());
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, List.of("deg:a"), checker, new AtomicLong())) {
      publisher.burst(10);
      await().atMost(Duration.ofSeconds(30)).until(() -> checker.missing() == 0);
      client.drop();
      publisher.burst(10);
      Thread.sleep(500);
      client.connect(fe.publicUrl());
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> checker.missing() == 0);
    assertThat(checker.report().clean()).isTrue();
    assertThat(client.recovered()).isEqualTo(1);
  }
}

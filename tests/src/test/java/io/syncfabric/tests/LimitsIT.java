package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.client.FabricClient;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.RawSocket;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.TestFabric;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections per source address, frames per second and the idle timeout, on a real frontend. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LimitsIT {
  static TestFabric fabric;
  static FrontendServer fe;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("limits", 1, Map.of(
        "ws.max.connections.per.address", "3",
        "ws.max.messages.per.second", "5",
        "ws.ping.interval.ms", "200",
        "ws.idle.timeout.ms", "800"), Map.of());
    fe = fabric.frontends().get(0);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @BeforeEach
  void noConnectionsLeft() {
    await().atMost(Duration.ofSeconds(10)).until(() -> fe.metrics().registry().get("fabric.connections.open").gauge()
        .value() == 0);
  }

  private static double errors(String code) throws Exception {
    return Scrape.value(Scrape.metrics(fe.port()), "fabric_ws_errors_total", "code", code);
  }

  @Test
  void aFourthConnectionFromOneAddressIsRefused() throws Exception {
    List<RawSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        open.add(RawSocket.open(fe.publicUrl()));
      }
      double before = errors("too-many-from-address");
      try (RawSocket fourth = RawSocket.open(fe.publicUrl())) {
        assertThat(fourth.next().path("name").asText()).isEqualTo("too-many-from-address");
        assertThat(fourth.awaitClose()).isEqualTo(4005);
      }
      assertThat(errors("too-many-from-address")).isEqualTo(before + 1);
    } finally {
      open.forEach(RawSocket::close);
    }
  }

  @Test
  void aFrameFloodClosesTheConnectionWith4006() throws Exception {
    try (RawSocket flood = RawSocket.open(fe.publicUrl())) {
      int sent = 0;
      while (sent < 40 && flood.offer("{\"op\":\"ping\",\"id\":" + sent + "}")) {
        sent++;
      }
      assertThat(flood.awaitClose()).isEqualTo(4006);
      assertThat(sent).as("frames sent before the close (a burst may be twice the 5/s limit)").isGreaterThan(10);
      assertThat(flood.offer("{\"op\":\"ping\"}")).as("sending after the close").isFalse();
    }
    assertThat(errors("rate-limited")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aClientThatAnswersPingsStaysAndOneThatDoesNotIsClosed() throws Exception {
    double before = errors("idle-timeout");
    FabricClient alive = FabricClient.connect(URI.create(fe.publicUrl()), fabric.token("alive", List.of("*")),
        m -> { }).get(10, TimeUnit.SECONDS);
    try (RawSocket deaf = RawSocket.stalled(fe.publicUrl())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> errors("idle-timeout") >= before + 1);
      Thread.sleep(1_000); // several idle timeouts long
      assertThat(alive.closedFuture()).isNotDone(); // java.net.http answers pings by itself
      alive.ping().get(5, TimeUnit.SECONDS);
    } finally {
      alive.close();
    }
  }
}

package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.RawSocket;
import io.syncfabric.tests.support.RecordingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.TestFabric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client that stops reading is cut off with slow-consumer (4004); the others get everything. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SlowClientIT {
  static final int MESSAGES = 3_000;
  /** Paced so that a client that does read keeps up; the stalled one still passes its bounds. */
  static final int PER_SECOND = 500;
  static final int PAYLOAD_CHARS = 8 * 1024;

  static TestFabric fabric;

  @BeforeAll
  static void start() {
    // Default queue bounds (4,096 frames, 4 MiB): the stalled client passes them after socket buffers
    // fill; readers keep up with the paced stream, including the bursts each 20 ms commit releases.
    fabric = TestFabric.start("slow", 1);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  private static String metricsOrEmpty(FrontendServer frontend) {
    try {
      return Scrape.metrics(frontend.port());
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  void aStalledClientIsDisconnectedWhileTheOthersReceiveEveryMessage() throws Exception {
    FrontendServer frontend = fabric.frontends().get(0);
    String token = fabric.token("slow", List.of("slow:*"));
    String channel = "slow:feed";

    RawSocket stalled = RawSocket.stalled(frontend.publicUrl());
    stalled.send("{\"op\":\"connect\",\"token\":\"" + token + "\"}");
    stalled.send("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");

    List<RecordingClient> healthy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RecordingClient c = RecordingClient.connect(frontend.publicUrl(), token);
      c.subscribe(channel);
      healthy.add(c);
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Scrape.value(Scrape.metrics(frontend.port()), "fabric_subscriptions", null, null) == 5);

    String filler = "x".repeat(PAYLOAD_CHARS);
    try (Publisher publisher = Publisher.builder().bootstrapServers(fabric.bootstrap()).topic(fabric.ingressTopic()).build()) {
      long start = System.nanoTime();
      for (int i = 0; i < MESSAGES; i++) {
        long due = start + i * 1_000_000_000L / PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        publisher.publishJson(channel, "{\"i\":" + i + ",\"pad\":\"" + filler + "\"}");
      }
      publisher.flush();
    }

    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(healthy)
        .as(() -> "received " + healthy.stream().map(c -> c.total() + "/" + c.closeState()).toList()
            + ", closed " + metricsOrEmpty(frontend).lines().filter(l -> l.startsWith("fabric_connections_closed")).toList()
            + ", sequenced "
            + fabric.bridgeMetrics().get("fabric.sequencer.sequenced").counter().count() + ", frontend read "
            + Scrape.value(metricsOrEmpty(frontend), "fabric_messages_in_total", null, null))
        .allMatch(c -> c.total() == MESSAGES));
    for (RecordingClient c : healthy) {
      List<FabricMessage> got = c.messages(channel);
      for (int i = 0; i < MESSAGES; i++) {
        assertThat(got.get(i).seq()).isEqualTo(i + 1);
      }
    }

    String metrics = Scrape.metrics(frontend.port());
    assertThat(Scrape.value(metrics, "fabric_ws_errors_total", "code", "slow-consumer")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      String m = Scrape.metrics(frontend.port());
      return Scrape.value(m, "fabric_connections_closed_total", "reason", "slow-consumer") == 1
          && Scrape.value(m, "fabric_connections_open", null, null) == 4;
    });
    stalled.close();
    healthy.forEach(RecordingClient::close);
  }
}

package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.bench.BenchConfig;
import io.syncfabric.bench.BenchRun;
import io.syncfabric.bench.BenchSummary;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.TestFabric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness ({@code ./fabric bench}) for a few seconds against two real frontends, through
 * Kafka and the sequencer: it must open every connection, get every delivery the acknowledged
 * publishes owe, and report no error. It never judges speed (this machine is shared and noisy):
 * BENCHMARKS.md holds the figures.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BenchSmokeIT {
  static final int CONNECTIONS = 200;
  static final int CHANNELS = 20;
  static final int RATE = 100;

  static TestFabric fabric;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("benchsmoke", 2);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void harnessDeliversEveryPublishedMessageToEverySubscriberWithoutErrors(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("summary.json");
    BenchConfig config = new BenchConfig(fabric.frontends().stream().map(FrontendServer::publicUrl).toList(),
        fabric.bootstrap(), fabric.ingressTopic(), fabric.eventsTopic(), CONNECTIONS, CHANNELS, 2, RATE, 2, 1, 0, 100, 1, 2,
        TestFabric.JWT_SECRET, true, 60, 30, null, json);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchSummary summary = new BenchRun(config, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
    summary.writeJson(json);

    assertThat(summary.errorsByKind()).isEmpty();
    assertThat(summary.connected()).isEqualTo(CONNECTIONS);
    assertThat(summary.subscribed()).isEqualTo(CONNECTIONS * 2L);
    // every channel has 200 × 2 / 20 = 20 subscribers: each acknowledged message owes 20 deliveries
    assertThat(summary.published()).isPositive();
    assertThat(summary.expectedDeliveries()).isEqualTo(summary.published() * 20);
    assertThat(summary.delivered()).isEqualTo(summary.expectedDeliveries());
    assertThat(summary.lost()).isZero();
    assertThat(summary.missingSeqs()).isZero();
    assertThat(summary.outOfOrder()).isZero();
    assertThat(summary.latencyMs().count()).isEqualTo(summary.delivered());
    // the events-topic probe saw every measured message once
    assertThat(summary.eventsTopicLatencyMs().count()).isEqualTo(summary.published());
    assertThat(summary.clean()).isTrue();
    // both frontends live in this JVM: one heap, read twice
    assertThat(summary.heap().frontends()).hasSize(1);
    assertThat(summary.heap().frontends().get(0).urls()).hasSize(2);
    assertThat(summary.heap().perConnectionBytes()).isNotNull();

    JsonNode written = new ObjectMapper().readTree(Files.readString(json));
    assertThat(written.path("deliveriesPerSecond").isNumber()).isTrue();
    assertThat(written.path("latencyMs").path("p50").isNumber()).isTrue();
    assertThat(written.path("latencyMs").path("p99").isNumber()).isTrue();
    assertThat(written.path("connections").asInt()).isEqualTo(CONNECTIONS);
    assertThat(written.path("errors").asLong()).isZero();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("measure", "conns " + CONNECTIONS);
  }
}

package io.syncfabric.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frontends that accept a socket and then say nothing (a hung process, a lost peer): the client
 * gives up on each unanswered step in bounded time and tries again, instead of waiting forever.
 */
class UnansweredFrontendTest {

  @Test
  void anUnansweredConnectIsGivenUpOnAndRetried() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         FailoverClient client = ScriptedFrontend.clientOf(a).connectTimeout(Duration.ofMillis(300)).build()) {
      a.listInDiscovery(() -> List.of(a));
      a.ignoring = Set.of("connect");
      CompletableFuture<Void> started = client.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> a.count("connect") >= 3);
      assertThat(started).isNotDone();
      await().atMost(Duration.ofSeconds(5)).alias("sockets given up on are dropped").until(() -> a.openSockets() <= 1);

      a.ignoring = Set.of();
      started.get(10, TimeUnit.SECONDS);
      assertThat(client.node()).isEqualTo("a");
    }
  }

  @Test
  void anUnansweredResubscribeDropsTheConnectionAndTriesAgain() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         FailoverClient client = ScriptedFrontend.clientOf(a).resubscribeTimeout(Duration.ofMillis(300)).build()) {
      a.listInDiscovery(() -> List.of(a));
      client.start().get(10, TimeUnit.SECONDS);
      client.subscribe("chat").get(10, TimeUnit.SECONDS);

      a.ignoring = Set.of("subscribe");
      client.dropConnection();

      await().atMost(Duration.ofSeconds(10)).until(() -> a.count("subscribe") >= 4); // the first, then 3 resumes
      assertThat(client.state()).isEqualTo(ClientState.RECONNECTING);
      await().atMost(Duration.ofSeconds(5)).until(() -> a.openSockets() <= 1);

      a.ignoring = Set.of();
      await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
    }
  }

  @Test
  void aConnectionWhosePingsGoUnansweredIsDroppedAndReplaced() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         FailoverClient client = ScriptedFrontend.clientOf(a)
             .heartbeat(Duration.ofMillis(200), Duration.ofMillis(200)).build()) {
      a.listInDiscovery(() -> List.of(a));
      client.start().get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(10)).until(() -> a.count("ping") >= 3);
      assertThat(a.count("connect")).as("answered pings keep the connection").isEqualTo(1);

      a.ignoring = Set.of("ping");
      await().atMost(Duration.ofSeconds(10)).until(() -> a.count("connect") >= 2);
      a.ignoring = Set.of();
      await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.CONNECTED);
      await().atMost(Duration.ofSeconds(5)).alias("the silent socket is gone").until(() -> a.openSockets() == 1);
    }
  }

  @Test
  void aProbeThatFailsOnceStillLeavesTheFrontendMeasured() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a")) {
      a.listInDiscovery(() -> List.of(a));
      a.failingPings.set(1);
      FrontendFinder finder = new FrontendFinder(HttpClient.newHttpClient(), List.of(a.httpUrl()), null, 3,
          Duration.ofSeconds(2), () -> 0.0);

      List<Frontend> found = finder.find(null, Set.of()).get(10, TimeUnit.SECONDS);

      assertThat(found).extracting(Frontend::node).containsExactly("a");
      assertThat(a.failingPings.get()).as("the failed probe was followed by more").isLessThan(0);
    }
  }
}

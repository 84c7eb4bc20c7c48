package io.syncfabric.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that connected before another cloud was listed learns of it while connected, and can
 * then fail over there when its whole cloud (seeds included) goes dark.
 */
class DiscoveryRefreshTest {

  @Test
  void aCloudListedAfterConnectingIsWhereTheClientGoesWhenItsOwnGoesDark() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a1", "a");
         ScriptedFrontend b = new ScriptedFrontend("b1", "b");
         FailoverClient client = ScriptedFrontend.clientOf(a).discoveryRefresh(Duration.ofMillis(100)).build()) {
      a.listInDiscovery(() -> List.of(a));
      b.listInDiscovery(() -> List.of(b));
      client.start().get(10, TimeUnit.SECONDS);
      client.subscribe("chat").get(10, TimeUnit.SECONDS);
      assertThat(client.knownClouds()).containsExactly("a");

      a.listInDiscovery(() -> List.of(a, b)); // cloud b's announcement reached cloud a
      await().atMost(Duration.ofSeconds(10)).until(() -> client.knownClouds().contains("b"));

      a.close(); // cloud a goes dark, its seed with it
      await().atMost(Duration.ofSeconds(10)).until(() -> "b1".equals(client.node())
          && client.state() == ClientState.CONNECTED);
    }
  }

  @Test
  void withoutRefreshTheClientKnowsOnlyWhatItLearnedWhenItConnected() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a1", "a");
         ScriptedFrontend b = new ScriptedFrontend("b1", "b");
         FailoverClient client = ScriptedFrontend.clientOf(a)
             .discoveryRefresh(Duration.ZERO).build()) {
      a.listInDiscovery(() -> List.of(a));
      client.start().get(10, TimeUnit.SECONDS);
      a.listInDiscovery(() -> List.of(a, b));
      Thread.sleep(500);
      assertThat(client.knownClouds()).containsExactly("a");
    }
  }

  @Test
  void aNegativeRefreshIsRefused() {
    FailoverClientBuilder builder = FailoverClient.builder(List.of(java.net.URI.create("http://127.0.0.1:1")), () -> "t", m -> {});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.discoveryRefresh(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discoveryRefresh");
  }
}

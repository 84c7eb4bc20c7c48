package io.syncfabric.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Drain hints on scripted frontends over loopback: the client follows each one, whenever it comes. */
class DrainHintTest {

  @Test
  void followsAHintThatComesWhileItIsStillResubscribingOnItsNewFrontend() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         ScriptedFrontend b = new ScriptedFrontend("b");
         ScriptedFrontend c = new ScriptedFrontend("c");
         FailoverClient client = ScriptedFrontend.clientOf(a).build()) {
      a.listInDiscovery(() -> List.of(a));
      b.listInDiscovery(() -> List.of(b, c));
      c.listInDiscovery(() -> List.of(c));
      client.start().get(10, TimeUnit.SECONDS);
      client.subscribe("chat").get(10, TimeUnit.SECONDS);
      assertThat(client.node()).isEqualTo("a");

      // b is draining too: it hints c before it answers the client's resubscribe
      b.hintBeforeSubscribed(c);
      a.drainTo(b);

      await().atMost(Duration.ofSeconds(10)).until(() -> "c".equals(client.node())
          && client.state() == ClientState.CONNECTED);
      await().atMost(Duration.ofSeconds(10)).until(() -> a.openSockets() == 0 && b.openSockets() == 0);
    }
  }

  @Test
  void followsAPlainHintMakeBeforeBreak() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         ScriptedFrontend b = new ScriptedFrontend("b");
         FailoverClient client = ScriptedFrontend.clientOf(a).build()) {
      a.listInDiscovery(() -> List.of(a));
      b.listInDiscovery(() -> List.of(b));
      client.start().get(10, TimeUnit.SECONDS);
      client.subscribe("chat").get(10, TimeUnit.SECONDS);

      a.drainTo(b);

      await().atMost(Duration.ofSeconds(10)).until(() -> "b".equals(client.node()));
      await().atMost(Duration.ofSeconds(10)).until(() -> a.openSockets() == 0);
      assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
    }
  }
}

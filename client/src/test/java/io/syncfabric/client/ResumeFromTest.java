package io.syncfabric.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A resume says since when the client has been subscribed, so streams it never saw are replayed from then. */
class ResumeFromTest {

  @Test
  void aResumeSendsTheTimeOfTheFirstSubscribedReply() throws Exception {
    try (ScriptedFrontend a = new ScriptedFrontend("a");
         ScriptedFrontend b = new ScriptedFrontend("b");
         FailoverClient client = ScriptedFrontend.clientOf(a).build()) {
      a.listInDiscovery(() -> List.of(a));
      b.listInDiscovery(() -> List.of(b));
      a.at = 1_700_000_000_000L;
      b.at = 1_700_000_999_000L;
      client.start().get(10, TimeUnit.SECONDS);
      client.subscribe("chat").get(10, TimeUnit.SECONDS);
      assertThat(a.subscribes.get(0).has("from")).as("a first subscribe is no resume").isFalse();

      a.drainTo(b);
      await().atMost(Duration.ofSeconds(10)).until(() -> "b".equals(client.node()));
      assertThat(b.subscribes.get(0).get("from").asLong()).isEqualTo(1_700_000_000_000L);

      b.drainTo(a); // b's reply did not move it: the subscription still dates from a's
      await().atMost(Duration.ofSeconds(10)).until(() -> "a".equals(client.node()));
      assertThat(a.subscribes.get(1).get("from").asLong()).isEqualTo(1_700_000_000_000L);
    }
  }
}

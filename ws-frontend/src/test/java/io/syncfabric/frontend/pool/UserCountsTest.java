package io.syncfabric.frontend.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserCountsTest {
  private final LocalUserConnections counts = new LocalUserConnections();

  private boolean acquire(String node, Set<String> live) {
    return counts.acquire("u", node, live, 2).toCompletableFuture().join();
  }

  @Test
  void theLimitCountsEveryLiveFrontend() {
    assertThat(acquire("n1", Set.of("n1", "n2"))).isTrue();
    assertThat(acquire("n2", Set.of("n1", "n2"))).isTrue();
    assertThat(acquire("n1", Set.of("n1", "n2"))).isFalse();
    counts.release("u", "n2");
    assertThat(acquire("n1", Set.of("n1", "n2"))).isTrue();
  }

  @Test
  void connectionsOfADeadFrontendStopCounting() {
    assertThat(acquire("n1", Set.of("n1", "n2"))).isTrue();
    assertThat(acquire("n2", Set.of("n1", "n2"))).isTrue();
    assertThat(acquire("n1", Set.of("n1"))).isTrue(); // n2 left the pool
    counts.removeNode("n1");
    assertThat(acquire("n3", Set.of("n3"))).isTrue();
    assertThat(acquire("n3", Set.of("n3"))).isTrue();
    assertThat(acquire("n3", Set.of("n3"))).isFalse();
  }
}

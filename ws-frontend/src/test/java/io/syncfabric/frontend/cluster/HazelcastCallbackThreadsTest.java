package io.syncfabric.frontend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The callbacks of a member's futures run on reused threads, never on one new thread each. */
class HazelcastCallbackThreadsTest {

  @Test
  void manyCallbacksShareAFewThreads() {
    var settings = new ClusterSettings(true, "callbacks-test-" + ProcessHandle.current().pid(), "127.0.0.1", 5951,
        "tcp-ip", List.of("127.0.0.1:5951"), "", 5);
    try (HazelcastMember member = HazelcastMember.start(settings, "cb-1", 600)) {
      if (ForkJoinPool.getCommonPoolParallelism() <= 1) {
        assertThat(HazelcastCallbackThreads.installed()).isTrue();
      }
      IMap<String, String> map = member.instance().getMap("callbacks");
      Set<Thread> threads = ConcurrentHashMap.newKeySet();
      for (int batch = 0; batch < 20; batch++) {
        List<CompletableFuture<String>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
          done.add(map.putAsync("k" + i, "v" + batch).thenApply(previous -> {
            threads.add(Thread.currentThread());
            return previous;
          }).toCompletableFuture());
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
      }
      // a thread per callback (Hazelcast's fallback when the common pool has a parallelism of 1) gives 500
      assertThat(threads).hasSizeLessThan(100);
    }
  }
}

package io.syncfabric.frontend.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link HistoryStore} shares; each implementation runs it. */
abstract class HistoryStoreContract {
  static final HistoryLimits LIMITS = new HistoryLimits(5, 60_000,
      Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC));

  abstract HistoryStore store();

  HistorySlice read(String channel) throws Exception {
    return store().read(channel).toCompletableFuture().get();
  }

  @Test
  void aChannelNeverWrittenReadsEmpty() throws Exception {
    assertThat(read("never").isEmpty()).isTrue();
  }

  @Test
  void appendsAreReadBackInOrderBoundedByCount() throws Exception {
    for (int seq = 1; seq <= 8; seq++) {
      store().append("c1", "e1", new HistoryEntry(seq, 1_000_000, ("f" + seq).getBytes()));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> read("c1").lastSeq() == 8);
    HistorySlice s = read("c1");
    assertThat(s.epoch()).isEqualTo("e1");
    assertThat(s.entries()).extracting(HistoryEntry::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
    assertThat(new String(s.entries().get(4).frame())).isEqualTo("f8");
  }

  @Test
  void duplicateAppendsAreStoredOnce() throws Exception {
    for (int i = 0; i < 3; i++) {
      store().append("c2", "e1", new HistoryEntry(1, 1_000_000, "a".getBytes()));
      store().append("c2", "e1", new HistoryEntry(2, 1_000_000, "b".getBytes()));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> read("c2").lastSeq() == 2);
    assertThat(read("c2").entries()).hasSize(2);
  }

  @Test
  void channelsAreIndependent() throws Exception {
    store().append("x", "e1", new HistoryEntry(1, 1_000_000, "x".getBytes()));
    store().append("y", "e9", new HistoryEntry(3, 1_000_000, "y".getBytes()));
    await().atMost(Duration.ofSeconds(5)).until(() -> read("y").lastSeq() == 3 && read("x").lastSeq() == 1);
    assertThat(read("x").epoch()).isEqualTo("e1");
    assertThat(read("y").epoch()).isEqualTo("e9");
  }
}

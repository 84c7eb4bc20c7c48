package io.syncfabric.frontend.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingHistoryReaderTest {
  /** A store whose reads complete only when the test says so. */
  static final class HeldStore implements HistoryStore {
    final List<String> reads = new ArrayList<>();
    final List<CompletableFuture<HistorySlice>> pending = new ArrayList<>();
    RuntimeException throwOnRead;

    @Override
    public void append(String channel, String epoch, HistoryEntry entry) {}

    @Override
    public CompletionStage<HistorySlice> read(String channel) {
      reads.add(channel);
      if (throwOnRead != null) {
        throw throwOnRead;
      }
      CompletableFuture<HistorySlice> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    @Override
    public boolean isWriterFor(String channel) {
      return true;
    }

    @Override
    public String describe() {
      return "held";
    }
  }

  private final HeldStore store = new HeldStore();
  private final CoalescingHistoryReader reader = new CoalescingHistoryReader(store);
  private final HistorySlice slice = new HistorySlice("e1", 1, 1, List.of());

  @Test
  void readsOfAChannelWhileOneIsInFlightShareIt() {
    var first = reader.read("c").toCompletableFuture();
    var second = reader.read("c").toCompletableFuture();
    var other = reader.read("d").toCompletableFuture();
    assertThat(store.reads).containsExactly("c", "d");
    assertThat(reader.storeReads()).isEqualTo(2);

    store.pending.get(0).complete(slice);
    assertThat(first).isCompletedWithValue(slice);
    assertThat(second).isCompletedWithValue(slice);
    assertThat(other).isNotDone();
  }

  @Test
  void aReadAfterTheLastOneCompletedGoesToTheStoreAgain() {
    reader.read("c");
    store.pending.get(0).complete(slice);
    reader.read("c");
    assertThat(store.reads).containsExactly("c", "c");
  }

  @Test
  void aFailedReadFailsEveryoneWaitingAndIsNotKept() {
    var first = reader.read("c").toCompletableFuture();
    var second = reader.read("c").toCompletableFuture();
    store.pending.get(0).completeExceptionally(new IllegalStateException("member left"));
    assertThat(first).isCompletedExceptionally();
    assertThat(second).isCompletedExceptionally();
    reader.read("c");
    assertThat(store.reads).hasSize(2);
  }

  @Test
  void aStoreThatThrowsGivesAFailedReadAndFreesTheChannel() {
    store.throwOnRead = new IllegalStateException("hazelcast is shutting down");
    assertThat(reader.read("c").toCompletableFuture()).isCompletedExceptionally();
    store.throwOnRead = null;
    reader.read("c");
    assertThat(store.reads).hasSize(2);
  }

  @Test
  void aReadTheStoreDoesNotAnswerInTimeFailsEveryoneWaitingCountsAndFreesTheChannel() {
    AtomicInteger timeouts = new AtomicInteger();
    CoalescingHistoryReader patient = new CoalescingHistoryReader(store, Duration.ofMillis(50), timeouts::incrementAndGet);
    var first = patient.read("c").toCompletableFuture();
    var second = patient.read("c").toCompletableFuture();

    assertThat(first).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TimeoutException.class);
    assertThat(second).isCompletedExceptionally();
    assertThat(timeouts).hasValue(1);

    var next = patient.read("c").toCompletableFuture();
    assertThat(store.reads).containsExactly("c", "c");
    store.pending.get(0).complete(slice); // the store's late answer to the first read goes nowhere
    assertThat(next).isNotDone();
    store.pending.get(1).complete(slice);
    assertThat(next).isCompletedWithValue(slice);
  }

  @Test
  void anAnsweredReadLeavesNoTimeoutBehind() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    timer.setRemoveOnCancelPolicy(true);
    try {
      CoalescingHistoryReader timed = new CoalescingHistoryReader(store, Duration.ofHours(1), () -> { }, timer);
      var read = timed.read("c").toCompletableFuture();
      timed.read("c");
      assertThat(timer.getQueue()).as("one timeout per store read").hasSize(1);

      store.pending.get(0).complete(slice);
      assertThat(read).isCompletedWithValue(slice);
      assertThat(timer.getQueue()).as("cancelled with the answer, not left to fire an hour later").isEmpty();
    } finally {
      timer.shutdownNow();
    }
  }
}

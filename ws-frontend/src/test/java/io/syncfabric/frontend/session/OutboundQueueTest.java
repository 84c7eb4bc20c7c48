package io.syncfabric.frontend.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final RecordingTransport transport = new RecordingTransport();

  private static byte[] frame(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private OutboundQueue queue() {
    return new OutboundQueue(transport, 1000, 1_000_000);
  }

  @Test
  void writesFramesInOrderInBatchesOfAtMost64() {
    OutboundQueue queue = queue();
    List<String> frames = IntStream.range(0, 150).mapToObj(i -> "f" + i).toList();

    frames.forEach(f -> assertThat(queue.offer(frame(f))).isTrue());
    assertThat(queue.depth()).isEqualTo(150);
    transport.flush();

    assertThat(transport.batchSizes()).containsExactly(64, 64, 22);
    assertThat(transport.sent()).containsExactlyElementsOf(frames);
    assertThat(queue.depth()).isZero();
    assertThat(queue.queuedBytes()).isZero();
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void offersWhileADrainIsPendingOrWritingDoNotScheduleAnotherDrain() {
    OutboundQueue queue = queue();

    queue.offer(frame("a"));
    queue.offer(frame("b"));
    assertThat(transport.tasks).hasSize(1);

    transport.runNextTask();
    assertThat(transport.sent()).containsExactly("a", "b");
    queue.offer(frame("c")); // while "a", "b" are still being written
    assertThat(transport.tasks).isEmpty();

    transport.completeNextWrite();
    assertThat(transport.tasks).hasSize(1);
    transport.runNextTask();
    assertThat(transport.sent()).containsExactly("a", "b", "c");

    transport.completeNextWrite(); // nothing more queued: the writer stops without another task
    assertThat(transport.tasks).isEmpty();
    assertThat(transport.pendingWrites).isEmpty();

    queue.offer(frame("d")); // idle again: a new drain is scheduled
    assertThat(transport.tasks).hasSize(1);
    transport.flush();
    assertThat(transport.sent()).containsExactly("a", "b", "c", "d");
    assertThat(transport.batchSizes()).containsExactly(2, 1, 1);
  }

  @Test
  void passingTheFrameBoundDropsTheQueueAndIgnoresLaterOffers() {
    OutboundQueue queue = new OutboundQueue(transport, 3, 1_000_000);

    assertThat(queue.offer(frame("1"))).isTrue();
    assertThat(queue.offer(frame("2"))).isTrue();
    assertThat(queue.offer(frame("3"))).isTrue();
    assertThat(queue.offer(frame("4"))).isFalse();

    assertThat(queue.depth()).isZero();
    assertThat(queue.queuedBytes()).isZero();
    assertThat(queue.offer(frame("5"))).as("ignored: the connection is on its way out").isTrue();
    assertThat(queue.depth()).isZero();
    transport.flush();
    assertThat(transport.writes).isEmpty();
    assertThat(transport.closes).as("closing is the caller's job").isEmpty();
  }

  @Test
  void passingTheByteBoundDropsTheQueue() {
    OutboundQueue queue = new OutboundQueue(transport, 1000, 10);

    assertThat(queue.offer(frame("123456"))).isTrue();
    assertThat(queue.offer(frame("1234"))).as("exactly at the bound").isTrue();
    assertThat(queue.queuedBytes()).isEqualTo(10);
    assertThat(queue.offer(frame("x"))).isFalse();

    assertThat(queue.depth()).isZero();
    assertThat(queue.queuedBytes()).isZero();
    transport.flush();
    assertThat(transport.writes).isEmpty();
  }

  @Test
  void bytesBeingWrittenNoLongerCountAgainstTheBound() {
    OutboundQueue queue = new OutboundQueue(transport, 1000, 10);
    queue.offer(frame("1234567890"));
    transport.runNextTask(); // taken off the queue, now on the socket

    assertThat(queue.offer(frame("abcdefghij"))).isTrue();
    transport.flush();
    assertThat(transport.sent()).containsExactly("1234567890", "abcdefghij");
  }

  @Test
  void closeAfterFlushSendsWhatIsQueuedThenCloses() {
    OutboundQueue queue = queue();
    queue.offer(frame("a"));
    queue.offer(frame("b"));

    queue.closeAfterFlush(4001, "bye");
    assertThat(queue.offer(frame("late"))).isTrue();
    transport.flush();

    assertThat(transport.sent()).containsExactly("a", "b");
    assertThat(transport.events).containsExactly("write:2", "close:4001");
    assertThat(transport.closes).containsExactly(new RecordingTransport.Close(4001, "bye"));
  }

  @Test
  void closeAfterFlushWaitsForAWriteInFlight() {
    OutboundQueue queue = queue();
    queue.offer(frame("a"));
    transport.runNextTask();

    queue.closeAfterFlush(4502, "token-expired");
    assertThat(transport.tasks).isEmpty();
    assertThat(transport.closes).isEmpty();

    transport.flush();
    assertThat(transport.events).containsExactly("write:1", "close:4502");
  }

  @Test
  void closeAfterFlushOnAnIdleQueueClosesAtOnceAndOnlyOnce() {
    OutboundQueue queue = queue();

    queue.closeAfterFlush(4503, "timeout");
    queue.closeAfterFlush(4001, "again");
    transport.flush();

    assertThat(transport.writes).isEmpty();
    assertThat(transport.closes).containsExactly(new RecordingTransport.Close(4503, "timeout"));
  }

  @Test
  void discardDropsQueuedFramesAndLaterOffers() {
    OutboundQueue queue = queue();
    queue.offer(frame("a"));
    queue.offer(frame("b"));

    queue.discard();
    queue.offer(frame("c"));
    transport.flush();

    assertThat(queue.depth()).isZero();
    assertThat(queue.queuedBytes()).isZero();
    assertThat(transport.writes).isEmpty();
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void discardDuringAWriteStopsAfterIt() {
    OutboundQueue queue = queue();
    queue.offer(frame("a"));
    transport.runNextTask();
    queue.offer(frame("b"));

    queue.discard();
    transport.flush();

    assertThat(transport.sent()).containsExactly("a");
  }

  @Test
  void discardAfterCloseAfterFlushSkipsTheClose() {
    OutboundQueue queue = queue();
    queue.offer(frame("a"));
    queue.closeAfterFlush(4001, "bye");

    queue.discard(); // the socket went away first
    transport.flush();

    assertThat(transport.writes).isEmpty();
    assertThat(transport.closes).isEmpty();
  }

  @Test
  void onlyLiveMessageFramesReportTheirAgeOnceWritten() {
    List<Long> ages = new java.util.ArrayList<>();
    OutboundQueue queue = new OutboundQueue(transport, 1000, 1_000_000, ages::add);
    long published = System.currentTimeMillis() - 250;

    queue.offer(frame("reply")); // not a live message: no age
    queue.offer(frame("m1"), published);
    assertThat(ages).isEmpty(); // nothing written yet
    transport.flush();

    assertThat(ages).hasSize(1);
    assertThat(ages.get(0)).isBetween(250L, 10_000L);
  }

  @Test
  void theRingKeepsOrderAcrossGrowthAndWrapAround() {
    OutboundQueue queue = queue();
    List<String> all = new java.util.ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 40; i++) {
        String f = "r" + round + "-" + i;
        all.add(f);
        queue.offer(frame(f), 1);
      }
      transport.flush();
    }
    assertThat(transport.sent()).containsExactlyElementsOf(all);
  }
}

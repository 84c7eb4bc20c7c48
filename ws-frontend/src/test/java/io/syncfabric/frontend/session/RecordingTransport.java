package io.syncfabric.frontend.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A {@link FrameTransport} for tests: nothing runs by itself. Tasks handed to {@link #execute} and
 * writes wait until the test runs or completes them, so every interleaving is explicit.
 */
final class RecordingTransport implements FrameTransport {
  record Scheduled(Runnable task, long delayMs) {}

  record Write(List<String> frames, Runnable onDone) {}

  record Close(int code, String reason) {}

  final Deque<Runnable> tasks = new ArrayDeque<>();
  final List<Scheduled> scheduled = new ArrayList<>();
  final Deque<Write> pendingWrites = new ArrayDeque<>();
  final List<Write> writes = new ArrayList<>();
  final List<Close> closes = new ArrayList<>();
  /** Writes and closes in the order they happened: "write:<n>" or "close:<code>". */
  final List<String> events = new ArrayList<>();

  @Override
  public void execute(Runnable task) {
    tasks.addLast(task);
  }

  @Override
  public void schedule(Runnable task, long delayMs) {
    scheduled.add(new Scheduled(task, delayMs));
  }

  @Override
  public void write(byte[][] frames, int count, Runnable onDone) {
    List<String> text = Arrays.stream(frames, 0, count)
        .map(f -> new String(f, StandardCharsets.UTF_8))
        .toList();
    Write w = new Write(text, onDone);
    writes.add(w);
    pendingWrites.addLast(w);
    events.add("write:" + count);
  }

  int pings;

  @Override
  public void ping() {
    pings++;
  }

  @Override
  public void abort() {
    closes.add(new Close(-1, "aborted"));
  }

  @Override
  public void close(int code, String reason) {
    closes.add(new Close(code, reason));
    events.add("close:" + code);
  }

  /** Runs the oldest pending I/O task. */
  void runNextTask() {
    tasks.removeFirst().run();
  }

  /** Reports the oldest write as handed to the socket. */
  void completeNextWrite() {
    pendingWrites.removeFirst().onDone().run();
  }

  /** Runs tasks and completes writes until nothing is pending: a socket that keeps up. */
  void flush() {
    while (!tasks.isEmpty() || !pendingWrites.isEmpty()) {
      if (!tasks.isEmpty()) {
        runNextTask();
      } else {
        completeNextWrite();
      }
    }
  }

  /** Every frame written so far, in order. */
  List<String> sent() {
    return writes.stream().flatMap(w -> w.frames().stream()).toList();
  }

  List<Integer> batchSizes() {
    return writes.stream().map(w -> w.frames().size()).toList();
  }
}

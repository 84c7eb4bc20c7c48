package io.syncfabric.bench.jmh;

import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.protocol.MessageFrames;
import io.syncfabric.schema.StreamPosition;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One message to a channel with {@code subscribers} local sessions: the subscriber lookup, then per
 * session the enqueue into its bounded outbound queue and the batch hand-off to a socket that takes
 * everything. Time per message; divide by {@code subscribers} for the cost of one delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanOutBenchmark {
  @Param({"1", "100", "10000"})
  int subscribers;

  private final ChannelTable table = new ChannelTable();
  private Supplier<byte[]> encoded;
  private long seq;

  @Setup
  public void setUp() {
    byte[] frame = MessageFrames.encode(Envelopes.json("bench:hot", 1, 32));
    encoded = () -> frame;
    for (int s = 0; s < subscribers; s++) {
      table.subscribe("bench:hot", Sessions.discarding(), position -> new byte[0]);
    }
  }

  @Benchmark
  public int fanOut() {
    return table.dispatch("bench:hot", "a", new StreamPosition("e", ++seq), encoded, 1_764_021_234_567L);
  }
}

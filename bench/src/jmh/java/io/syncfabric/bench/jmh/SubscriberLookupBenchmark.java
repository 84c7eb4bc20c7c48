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
 * Finding a message's local subscribers among {@code channels} subscribed channels (one session
 * each, messages round-robin over them), and a message for a channel nobody here subscribes to,
 * which every frontend sees for most of the events topic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubscriberLookupBenchmark {
  @Param({"1000", "100000"})
  int channels;

  private final ChannelTable table = new ChannelTable();
  private Supplier<byte[]> encoded;
  private String[] names;
  private String[] unsubscribed;
  private int cursor;
  private long seq;

  @Setup
  public void setUp() {
    byte[] frame = MessageFrames.encode(Envelopes.json("bench:0", 1, 32));
    encoded = () -> frame;
    names = new String[channels];
    unsubscribed = new String[channels];
    for (int c = 0; c < channels; c++) {
      names[c] = "bench:" + c;
      unsubscribed[c] = "elsewhere:" + c;
      table.subscribe(names[c], Sessions.discarding(), position -> new byte[0]);
    }
  }

  @Benchmark
  public int subscribedChannel() {
    return table.dispatch(names[cursor++ % channels], "a", new StreamPosition("e", ++seq), encoded, 1_764_021_234_567L);
  }

  @Benchmark
  public int channelWithoutLocalSubscribers() {
    return table.dispatch(unsubscribed[cursor++ % channels], "a", new StreamPosition("e", ++seq), encoded, 1_764_021_234_567L);
  }
}

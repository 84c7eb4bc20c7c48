package io.syncfabric.bench.jmh;

import io.syncfabric.frontend.protocol.MessageFrames;
import io.syncfabric.schema.Envelope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The {@code message} frame, encoded once per message whatever the number of subscribers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameEncodeBenchmark {
  @Param({"32", "1024"})
  int payloadBytes;

  private Envelope envelope;

  @Setup
  public void setUp() {
    envelope = Envelopes.json("chat:lobby", 42, payloadBytes);
  }

  @Benchmark
  public byte[] encode() {
    return MessageFrames.encode(envelope);
  }
}

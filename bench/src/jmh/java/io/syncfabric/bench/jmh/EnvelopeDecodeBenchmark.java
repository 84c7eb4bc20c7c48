package io.syncfabric.bench.jmh;

import io.syncfabric.schema.Envelope;
import io.syncfabric.schema.EnvelopeCodec;
import io.syncfabric.schema.InvalidEnvelopeException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What every frontend does once per record of the events topic: decode the Avro envelope. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeDecodeBenchmark {
  @Param({"32", "1024"})
  int payloadBytes;

  private byte[] record;

  @Setup
  public void setUp() {
    record = EnvelopeCodec.encode(Envelopes.json("chat:lobby", 42, payloadBytes));
  }

  @Benchmark
  public Envelope decode() throws InvalidEnvelopeException {
    return EnvelopeCodec.decode(record);
  }
}

package io.syncfabric.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.bench.SampleEnvelopes;
import io.syncfabric.frontend.protocol.MessageFrames;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MessageFieldsTest {
  private static final byte[] MESSAGE = MessageFields.bytes("message");

  @Test
  void readsSeqAndTsFromTheFrontendsOwnFrame() {
    // a payload that carries the same keys: only the envelope's own fields may be read
    byte[] frame = MessageFrames.encode(SampleEnvelopes.json("bench:x:7", 42, 1_764_021_234_567L,
        "{\"seq\":1,\"ts\":2,\"op\":\"error\"}"));
    ByteBuffer b = ByteBuffer.wrap(frame);

    assertThat(MessageFields.hasOp(b, 0, frame.length, MESSAGE)).isTrue();
    assertThat(MessageFields.seq(b, 0, frame.length)).isEqualTo(42);
    assertThat(MessageFields.ts(b, 0, frame.length)).isEqualTo(1_764_021_234_567L);
    int start = MessageFields.channelStart(b, 0, frame.length);
    assertThat(MessageFields.channelIs(b, start, frame.length, MessageFields.bytes("bench:x:7"))).isTrue();
    assertThat(MessageFields.channelIs(b, start, frame.length, MessageFields.bytes("bench:x:"))).isFalse();
  }

  @Test
  void readsWithinAFrameThatStartsInsideALargerBuffer() {
    byte[] frame = MessageFrames.encode(SampleEnvelopes.json("c", 9, 1000, "{}"));
    ByteBuffer b = ByteBuffer.allocate(frame.length + 20);
    b.position(7);
    b.put(frame);

    assertThat(MessageFields.seq(b, 7, frame.length)).isEqualTo(9);
    assertThat(MessageFields.ts(b, 7, frame.length)).isEqualTo(1000);
  }

  @Test
  void otherOpsAreNotMessages() {
    byte[] frame = MessageFields.bytes("{\"op\":\"messages\",\"seq\":3}");
    byte[] error = MessageFields.bytes("{\"op\":\"error\",\"id\":7,\"code\":110,\"name\":\"permission-denied\"}");

    assertThat(MessageFields.hasOp(ByteBuffer.wrap(frame), 0, frame.length, MESSAGE)).isFalse();
    assertThat(MessageFields.hasOp(ByteBuffer.wrap(error), 0, error.length, MessageFields.bytes("error"))).isTrue();
    assertThat(MessageFields.numberAfter(ByteBuffer.wrap(error), 0, error.length, MessageFields.bytes("\"code\":"))).isEqualTo(110);
    assertThat(MessageFields.ts(ByteBuffer.wrap(error), 0, error.length)).isEqualTo(-1);
  }
}

package io.syncfabric.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.bench.SampleEnvelopes;
import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bench.measure.MessageFields;
import io.syncfabric.bench.ws.ClientFrames;
import io.syncfabric.frontend.protocol.MessageFrames;
import io.syncfabric.frontend.channel.Positions;
import io.syncfabric.frontend.protocol.ServerFrames;
import io.syncfabric.schema.StreamPosition;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadConnectionTest {
  private final LoadStats stats = new LoadStats();
  private final AtomicInteger settled = new AtomicInteger();
  private final LoadConnection connection = new LoadConnection(Target.of("ws://127.0.0.1:1/v1/ws"),
      InetAddress.getLoopbackAddress(), new byte[0],
      new byte[][] {MessageFields.bytes("a"), MessageFields.bytes("b")}, stats, settled::incrementAndGet);

  @Test
  void countsConnectedOnceAndSubscriptions() {
    text(ServerFrames.connected(null, "a-8080.0123456789abcdef", "a-8080", 0));
    text(ServerFrames.subscribed(null, "a", Positions.single("a", new StreamPosition("e", 5)), "a", false, null));

    assertThat(stats.connected()).isEqualTo(1);
    assertThat(stats.subscribed()).isEqualTo(1);
    assertThat(settled).hasValue(1);
  }

  @Test
  void findsGapsAfterTheSubscribedPositionPerChannel() {
    stats.measureFrom(0);
    text(ServerFrames.subscribed(null, "a", Positions.single("a", new StreamPosition("mf3k2a9x-4kq1", 5)), "a", false, null));
    message("a", 6);
    message("b", 1);
    message("a", 9); // 7 and 8 never came
    message("b", 2);
    message("a", 9); // a repeat

    assertThat(stats.delivered()).isEqualTo(5);
    assertThat(stats.missing()).isEqualTo(2);
    assertThat(stats.outOfOrderCount()).isEqualTo(1);
    assertThat(stats.errorCount()).isZero();
  }

  @Test
  void messagesPublishedBeforeTheWindowAreCountedApartAndNotTimed() {
    long from = System.currentTimeMillis();
    stats.measureFrom(from);
    text(MessageFrames.encode(SampleEnvelopes.json("a", 1, from - 1, "{}")));
    text(MessageFrames.encode(SampleEnvelopes.json("a", 2, from, "{}")));

    assertThat(stats.deliveredBeforeWindow()).isEqualTo(1);
    assertThat(stats.delivered()).isEqualTo(1);
    assertThat(stats.takeLatencyInterval(null).getTotalCount()).isEqualTo(1);
  }

  @Test
  void countsErrorFramesAndClosesByCode() {
    text("{\"op\":\"error\",\"code\":160,\"name\":\"slow-consumer\",\"reason\":\"x\"}".getBytes());
    connection.frame(ClientFrames.OP_CLOSE, ByteBuffer.wrap(new byte[] {0x0F, (byte) 0xA4}), 0, 2);

    assertThat(stats.errorsByKind()).containsEntry("error-160", 1L).containsEntry("closed-4004", 1L);
    assertThat(connection.state).isEqualTo(LoadConnection.State.CLOSED);
  }

  @Test
  void answersAPingWithAPongOfTheSamePayload() {
    connection.frame(ClientFrames.OP_PING, ByteBuffer.wrap(new byte[] {1, 2}), 0, 2);

    byte[] pong = new byte[connection.reply.remaining()];
    connection.reply.get(pong);
    assertThat(pong[0] & 0xFF).isEqualTo(0x80 | ClientFrames.OP_PONG);
    assertThat(pong).hasSize(2 + 4 + 2);
    assertThat((byte) (pong[6] ^ pong[2])).isEqualTo((byte) 1);
  }

  private void message(String channel, long seq) {
    text(MessageFrames.encode(SampleEnvelopes.json(channel, seq, System.currentTimeMillis(), "{}")));
  }

  private void text(byte[] frame) {
    connection.nowMs = System.currentTimeMillis();
    connection.frame(ClientFrames.OP_TEXT, ByteBuffer.wrap(frame), 0, frame.length);
  }
}

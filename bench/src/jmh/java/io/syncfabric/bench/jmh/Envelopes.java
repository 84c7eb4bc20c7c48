package io.syncfabric.bench.jmh;

import io.syncfabric.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A sequenced envelope as the sequencer writes it, with a JSON payload of about {@code payloadBytes}. */
final class Envelopes {
  private Envelopes() {}

  static Envelope json(String channel, long seq, int payloadBytes) {
    String body = "{\"text\":\"" + "x".repeat(Math.max(0, payloadBytes - 11)) + "\"}";
    return Envelope.newBuilder()
        .setChannel(channel).setEpoch("mf3k2a9x-4kq1").setSeq(seq).setOriginCloud("a")
        .setOriginTopic("fabric.ingress").setOriginPartition(3).setOriginOffset(1_000_000 + seq)
        .setPublishedAt(1_764_021_234_567L).setSequencedAt(1_764_021_234_570L).setContentType("application/json")
        .setHeaders(Map.of()).setPayload(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}

package io.syncfabric.bench;

import io.syncfabric.schema.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Envelopes as the sequencer writes them, for tests of what the harness reads from real frames. */
public final class SampleEnvelopes {
  private SampleEnvelopes() {}

  public static Envelope json(String channel, long seq, long publishedAt, String json) {
    return Envelope.newBuilder()
        .setChannel(channel).setEpoch("mf3k2a9x-4kq1").setSeq(seq).setOriginCloud("a")
        .setOriginTopic("fabric.ingress").setOriginPartition(0).setOriginOffset(seq)
        .setPublishedAt(publishedAt).setSequencedAt(publishedAt + 1).setContentType("application/json")
        .setHeaders(Map.of()).setPayload(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}

package io.syncfabric.frontend.recovery;

import io.syncfabric.schema.StreamPosition;
import java.util.concurrent.CompletableFuture;

/** A request to the Kafka replayer: messages of {@code channel} in {@code topic} after {@code after}. */
record ReplayRequest(String topic, String channel, StreamPosition after, long timestampHint, int max, CompletableFuture<Replay> result)
    implements ReplayerTask {}

package io.syncfabric.frontend.recovery;

import io.syncfabric.schema.StreamPosition;
import java.util.concurrent.CompletableFuture;

/** A request to the Kafka replayer: messages of {@code channel} after {@code after}. */
record ReplayRequest(String channel, StreamPosition after, long timestampHint, int max, CompletableFuture<Replay> result) {}

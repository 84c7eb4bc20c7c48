package io.syncfabric.frontend.recovery;

import java.util.concurrent.CompletableFuture;

/** A request to the Kafka replayer: the first message of {@code channel}'s {@code epoch} in {@code topic} stamped at or after {@code cutoffMs}. */
record LocateRequest(String topic, String channel, String epoch, long cutoffMs, CompletableFuture<Located> result)
    implements ReplayerTask {}

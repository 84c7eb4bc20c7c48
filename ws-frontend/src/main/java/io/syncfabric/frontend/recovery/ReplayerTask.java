package io.syncfabric.frontend.recovery;

/** What the Kafka replayer's one thread works through: replays after a position, and locating by time. */
sealed interface ReplayerTask permits ReplayRequest, LocateRequest {}

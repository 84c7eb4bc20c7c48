package io.syncfabric.frontend.history;

/**
 * One message in a channel's hot history: its seq, when it was stored, and its encoded
 * {@code message} frame (sent to a recovering client as is).
 */
public record HistoryEntry(long seq, long storedAt, byte[] frame) {}

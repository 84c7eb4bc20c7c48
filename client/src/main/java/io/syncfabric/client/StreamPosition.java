package io.syncfabric.client;

/**
 * Where a client is in one origin cloud's stream of a channel: every cloud's sequencer numbers its
 * own stream, so a channel published in several clouds has one position per origin.
 *
 * @param ts the timestamp of the message at this position (0 when unknown)
 */
public record StreamPosition(String origin, String epoch, long seq, long ts) {}

package io.syncfabric.client;

/** The server's answer to subscribe: the channel's position when the subscription took effect. */
public record Subscribed(String channel, String epoch, long seq, boolean recovered) {}

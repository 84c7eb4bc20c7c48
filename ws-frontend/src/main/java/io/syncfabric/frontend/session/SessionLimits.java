package io.syncfabric.frontend.session;

/** Per-connection limits, from the frontend config. */
public record SessionLimits(
    int maxSubscriptions,
    int maxPublishBytes,
    long connectTimeoutMs,
    int outboundMaxFrames,
    long outboundMaxBytes,
    int historyMaxLimit) {}

package io.syncfabric.frontend.session;

import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.publish.IngressPublisher;

/** What every session of one frontend shares. */
public record SessionContext(
    String nodeId,
    TokenVerifier tokens,
    ChannelTable channels,
    IngressPublisher publisher,
    FrontendMetrics metrics,
    SessionLimits limits) {}

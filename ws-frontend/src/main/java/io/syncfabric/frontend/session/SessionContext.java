package io.syncfabric.frontend.session;

import io.syncfabric.frontend.fanout.OriginStreams;

import io.syncfabric.frontend.auth.TokenVerifier;
import io.syncfabric.frontend.channel.ChannelTable;
import io.syncfabric.frontend.metrics.FrontendMetrics;
import io.syncfabric.frontend.history.CoalescingHistoryReader;
import io.syncfabric.frontend.publish.IngressPublisher;
import io.syncfabric.frontend.dashboard.StatsHub;
import io.syncfabric.frontend.pool.UserConnectionLimit;
import io.syncfabric.frontend.presence.Presence;
import io.syncfabric.frontend.recovery.RecoveryService;

/**
 * What every session of one frontend shares. {@code recovery} and {@code history} may be null (a
 * frontend without a replay source answers {@code since} with recovered=false); {@code presence} is
 * null when presence is off, {@code userLimit} null when connections per user are not limited, {@code stats} null when there is no live dashboard feed.
 */
public record SessionContext(
    String nodeId,
    TokenVerifier tokens,
    ChannelTable channels,
    IngressPublisher publisher,
    FrontendMetrics metrics,
    SessionLimits limits,
    RecoveryService recovery,
    CoalescingHistoryReader history,
    Presence presence,
    UserConnectionLimit userLimit,
    StatsHub stats,
    OriginStreams streams) {}

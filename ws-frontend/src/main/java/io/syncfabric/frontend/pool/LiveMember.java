package io.syncfabric.frontend.pool;

/**
 * A pool entry as this frontend sees it now.
 *
 * @param heartbeatAgeMs time since this frontend last saw the entry's heartbeat move
 */
public record LiveMember(PoolMember member, long heartbeatAgeMs) {}

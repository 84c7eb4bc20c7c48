package io.syncfabric.frontend.membership;

/**
 * Cross-cloud membership: where this cloud's frontends announce themselves and how the
 * announcements of other clouds (mirrored by MirrorMaker 2) are read.
 *
 * @param topic this cloud's compacted members topic; other clouds' arrive as {@code <cloud>.<topic>}
 * @param announceMs how often this frontend announces itself (and at once on a state change)
 * @param ttlMs how long a remote frontend stays listed without a new announcement, on our clock
 * @param topicsRefreshMs how often the topic list is read to pick up newly added clouds
 */
public record MembershipSettings(String topic, long announceMs, long ttlMs, long topicsRefreshMs) {}

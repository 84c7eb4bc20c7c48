package io.syncfabric.frontend.auth;

/**
 * What a verified connection token grants.
 *
 * @param subject the user ({@code sub})
 * @param channels channels the user may subscribe and publish to ({@code channels} claim)
 * @param expiresAtSeconds {@code exp} in epoch seconds, 0 when the token has none
 */
public record ConnectionToken(String subject, ChannelPatterns channels, long expiresAtSeconds) {}

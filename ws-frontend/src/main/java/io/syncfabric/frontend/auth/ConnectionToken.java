package io.syncfabric.frontend.auth;

/**
 * What a verified connection token grants.
 *
 * @param subject the user ({@code sub})
 * @param permissions the channels allowed per action ({@code channels} and per-action claims)
 * @param expiresAtSeconds {@code exp} in epoch seconds, 0 when the token has none
 */
public record ConnectionToken(String subject, Permissions permissions, long expiresAtSeconds) {}

package io.syncfabric.frontend.auth;

/**
 * Claim checks beyond the signature.
 *
 * @param audience when set, the token's {@code aud} must contain it
 * @param issuer when set, the token's {@code iss} must equal it
 * @param skewSeconds tolerance for {@code exp} and {@code nbf}
 */
public record TokenRules(String audience, String issuer, long skewSeconds) {
  public static TokenRules lenient(long skewSeconds) {
    return new TokenRules(null, null, skewSeconds);
  }
}

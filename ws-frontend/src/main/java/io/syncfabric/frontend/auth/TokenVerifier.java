package io.syncfabric.frontend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies connection and subscription JWTs with nimbus-jose-jwt: the signature against
 * {@link TokenKeys} (HMAC, RSA, EC; the header's {@code kid} picks among public keys), then
 * {@code exp} and {@code nbf} with a small clock skew, {@code aud} and {@code iss} when configured,
 * {@code sub}, and the permission claims.
 */
public final class TokenVerifier {
  static final int MAX_TOKEN_LENGTH = 8192;
  /** Strictly three base64url segments: the JOSE parser skips stray characters, so one token would have many spellings. */
  private static final java.util.regex.Pattern COMPACT_JWS =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final TokenRules rules;
  private final Clock clock;

  public TokenVerifier(TokenKeys keys, TokenRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
    processor.setJWSKeySelector(keys.selector());
    processor.setJWTClaimsSetVerifier((claims, context) -> { }); // claims are checked below, with our clock
  }

  /** HMAC only, no audience or issuer rules (the lab's and most tests' setup). */
  public TokenVerifier(String secret, Clock clock, long skewSeconds) {
    this(TokenKeys.hmac(secret), TokenRules.lenient(skewSeconds), clock);
  }

  public ConnectionToken verify(String token) throws TokenRejectedException {
    JWTClaimsSet claims = verifiedClaims(token);
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new TokenRejectedException("token has no sub", false);
    }
    Map<Action, ChannelPatterns> specific = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      List<String> patterns = patterns(claims, a.claim());
      if (patterns != null) {
        specific.put(a, new ChannelPatterns(patterns));
      }
    }
    List<String> channels = patterns(claims, "channels");
    Date exp = claims.getExpirationTime();
    return new ConnectionToken(subject,
        new Permissions(channels == null ? ChannelPatterns.NONE : new ChannelPatterns(channels), specific),
        exp == null ? 0 : exp.getTime() / 1000);
  }

  /**
   * A subscription token for a private channel: it must name this connection ({@code client}, the
   * session id) and the channel, so it cannot be replayed by another client or for another channel.
   * Returns its {@code exp} in epoch seconds (0 when none).
   */
  public long verifySubscription(String token, String clientId, String channel) throws TokenRejectedException {
    JWTClaimsSet claims = verifiedClaims(token);
    Object client = claims.getClaim("client");
    Object ch = claims.getClaim("channel");
    if (!clientId.equals(client) || !channel.equals(ch)) {
      throw new TokenRejectedException("subscription token is for another client or channel", false);
    }
    Date exp = claims.getExpirationTime();
    return exp == null ? 0 : exp.getTime() / 1000;
  }

  private JWTClaimsSet verifiedClaims(String token) throws TokenRejectedException {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new TokenRejectedException("token longer than " + MAX_TOKEN_LENGTH + " characters", false);
    }
    if (!COMPACT_JWS.matcher(token).matches()) {
      throw new TokenRejectedException("token is not a signed JWT", false); // not three base64url parts
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) { // a header of JSON null throws a NullPointerException in there
      throw new TokenRejectedException("token is not a signed JWT", false);
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (BadJOSEException e) {
      throw new TokenRejectedException("bad signature or no key for algorithm " + jwt.getHeader().getAlgorithm()
          + (jwt.getHeader().getKeyID() == null ? "" : " and kid " + jwt.getHeader().getKeyID()), false);
    } catch (JOSEException e) {
      throw new TokenRejectedException("token keys unavailable: " + e.getMessage(), false);
    } catch (RuntimeException e) {
      throw new TokenRejectedException("unreadable token", false);
    }
    checkTime(claims);
    if (rules.audience() != null && (claims.getAudience() == null || !claims.getAudience().contains(rules.audience()))) {
      throw new TokenRejectedException("token is not for audience " + rules.audience(), false);
    }
    if (rules.issuer() != null && !rules.issuer().equals(claims.getIssuer())) {
      throw new TokenRejectedException("token is not from issuer " + rules.issuer(), false);
    }
    return claims;
  }

  private void checkTime(JWTClaimsSet claims) throws TokenRejectedException {
    long now = clock.millis();
    long skew = rules.skewSeconds() * 1000;
    Date exp = claims.getExpirationTime();
    if (exp != null && exp.getTime() + skew < now) {
      throw new TokenRejectedException("token expired", true);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.getTime() - skew > now) {
      throw new TokenRejectedException("token not valid yet (nbf)", true);
    }
  }

  private static List<String> patterns(JWTClaimsSet claims, String name) throws TokenRejectedException {
    try {
      return claims.getStringListClaim(name);
    } catch (ParseException e) {
      throw new TokenRejectedException(name + " claim must be a list of strings", false);
    }
  }

  /** Time left before {@code token} is past its {@code exp} and the allowed skew, on this verifier's clock. */
  public long millisUntilExpiry(ConnectionToken token) {
    return token.expiresAtSeconds() * 1000 + rules.skewSeconds() * 1000 - clock.millis();
  }
}

package io.syncfabric.frontend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies HMAC-signed (HS256/384/512) connection JWTs with nimbus-jose-jwt: signature, {@code sub},
 * {@code exp} and {@code nbf} (with a small clock skew), and reads the {@code channels} claim.
 */
public final class TokenVerifier {
  static final int MAX_TOKEN_LENGTH = 8192;
  private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

  private final MACVerifier verifier;
  private final Clock clock;
  private final long skewSeconds;

  public TokenVerifier(String secret, Clock clock, long skewSeconds) {
    try {
      this.verifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("jwt.secret must be at least 32 bytes", e);
    }
    this.clock = clock;
    this.skewSeconds = skewSeconds;
  }

  public ConnectionToken verify(String token) throws TokenRejectedException {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new TokenRejectedException("token longer than " + MAX_TOKEN_LENGTH + " characters", false);
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRejectedException("token is not a signed JWT", false);
    }
    if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
      throw new TokenRejectedException("algorithm " + jwt.getHeader().getAlgorithm() + " not accepted", false);
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new TokenRejectedException("bad signature", false);
      }
    } catch (JOSEException e) {
      throw new TokenRejectedException("bad signature", false);
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new TokenRejectedException("token has no sub", false);
    }
    long now = clock.millis();
    Date exp = claims.getExpirationTime();
    if (exp != null && exp.getTime() + skewSeconds * 1000 < now) {
      throw new TokenRejectedException("token expired", true);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.getTime() - skewSeconds * 1000 > now) {
      throw new TokenRejectedException("token not valid yet (nbf)", true);
    }
    List<String> channels;
    try {
      channels = claims.getStringListClaim("channels");
    } catch (ParseException e) {
      throw new TokenRejectedException("channels claim must be a list of strings", false);
    }
    return new ConnectionToken(subject, channels == null ? ChannelPatterns.NONE : new ChannelPatterns(channels),
        exp == null ? 0 : exp.getTime() / 1000);
  }
}

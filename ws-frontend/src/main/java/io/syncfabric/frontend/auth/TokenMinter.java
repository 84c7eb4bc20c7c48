package io.syncfabric.frontend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

/** Mints HS256 connection tokens the frontends accept: for the lab, the CLI and tests. */
public final class TokenMinter {
  private final MACSigner signer;
  private final Clock clock;

  public TokenMinter(String secret, Clock clock) {
    try {
      this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("secret must be at least 32 bytes", e);
    }
    this.clock = clock;
  }

  /** A token for {@code subject} allowing {@code channels} (glob patterns), valid for {@code ttl} (negative: already expired). */
  public String mint(String subject, List<String> channels, Duration ttl) {
    Date now = new Date(clock.millis());
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issueTime(now)
        .expirationTime(new Date(now.getTime() + ttl.toMillis()))
        .claim("channels", channels)
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }
}

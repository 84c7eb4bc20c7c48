package io.syncfabric.frontend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Mints the tokens the frontends accept: connection tokens and private-channel subscription
 * tokens, HS256 by default or with any signer (RSA, EC) and key id. For the lab, the CLI and tests;
 * production tokens come from the application's own backend.
 */
public final class TokenMinter {
  /** What a connection token grants; {@code perAction} claims override {@code channels} per action. */
  public record Grant(String subject, List<String> channels, Map<Action, List<String>> perAction, String audience,
      String issuer, Duration ttl) {
    public static Grant of(String subject, List<String> channels, Duration ttl) {
      return new Grant(subject, channels, Map.of(), null, null, ttl);
    }
  }

  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;
  private final String keyId;
  private final Clock clock;

  public TokenMinter(String secret, Clock clock) {
    this(hmacSigner(secret), JWSAlgorithm.HS256, null, clock);
  }

  public TokenMinter(JWSSigner signer, JWSAlgorithm algorithm, String keyId, Clock clock) {
    this.signer = signer;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.clock = clock;
  }

  /** A token for {@code subject} allowing {@code channels} (glob patterns), valid for {@code ttl} (negative: already expired). */
  public String mint(String subject, List<String> channels, Duration ttl) {
    return mint(Grant.of(subject, channels, ttl));
  }

  public String mint(Grant grant) {
    JWTClaimsSet.Builder claims = timed(grant.ttl()).subject(grant.subject()).claim("channels", grant.channels());
    grant.perAction().forEach((action, patterns) -> claims.claim(action.claim(), patterns));
    if (grant.audience() != null) {
      claims.audience(grant.audience());
    }
    if (grant.issuer() != null) {
      claims.issuer(grant.issuer());
    }
    return sign(claims.build());
  }

  /** A subscription token for private {@code channel}, bound to the connection {@code clientId}. */
  public String mintSubscription(String clientId, String channel, Duration ttl) {
    return mintSubscription(clientId, channel, ttl, null, null);
  }

  /** As above, with {@code aud} and {@code iss} for frontends that require them (null: none). */
  public String mintSubscription(String clientId, String channel, Duration ttl, String audience, String issuer) {
    JWTClaimsSet.Builder claims = timed(ttl).claim("client", clientId).claim("channel", channel);
    if (audience != null) {
      claims.audience(audience);
    }
    if (issuer != null) {
      claims.issuer(issuer);
    }
    return sign(claims.build());
  }

  private JWTClaimsSet.Builder timed(Duration ttl) {
    Date now = new Date(clock.millis());
    return new JWTClaimsSet.Builder().issueTime(now).expirationTime(new Date(now.getTime() + ttl.toMillis()));
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  private static JWSSigner hmacSigner(String secret) {
    try {
      return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("secret must be at least 32 bytes", e);
    }
  }
}

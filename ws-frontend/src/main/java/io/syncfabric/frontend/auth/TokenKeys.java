package io.syncfabric.frontend.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keys tokens may be signed with: an HMAC secret (HS256/384/512), RSA and EC public keys from a
 * JWK set file, and a JWKS URL (cached; an unknown {@code kid} refetches it, rate-limited, so keys
 * rotate without a restart). Each algorithm family is checked only against its own keys: a token
 * can never pass an HMAC check with a public key as the secret.
 */
public final class TokenKeys {
  static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
  static final Set<JWSAlgorithm> PUBLIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final List<JWSKeySelector<SecurityContext>> selectors;

  private TokenKeys(List<JWSKeySelector<SecurityContext>> selectors) {
    this.selectors = selectors;
  }

  /**
   * @param secret HMAC secret, or blank for none
   * @param jwkSetFile JWK set (JSON) with public keys, or null
   * @param jwksUrl JWKS endpoint, or blank for none
   * @param jwksCacheMs how long fetched keys are kept
   * @param jwksRefreshMinMs least time between two fetches caused by unknown key ids
   */
  public static TokenKeys of(String secret, Path jwkSetFile, String jwksUrl, long jwksCacheMs, long jwksRefreshMinMs) {
    return ofSecrets(List.of(secret == null ? "" : secret), jwkSetFile, jwksUrl, jwksCacheMs, jwksRefreshMinMs);
  }

  /** As above with several HMAC secrets (the current one and, while rotating, the previous one). */
  public static TokenKeys ofSecrets(List<String> secrets, Path jwkSetFile, String jwksUrl, long jwksCacheMs,
      long jwksRefreshMinMs) {
    List<JWSKeySelector<SecurityContext>> selectors = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.isBlank()) {
        continue;
      }
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) {
        throw new IllegalArgumentException("an HMAC secret must be at least 32 bytes");
      }
      selectors.add(new JWSVerificationKeySelector<>(HMAC, new ImmutableSecret<>(bytes)));
    }
    if (jwkSetFile != null) {
      selectors.add(new JWSVerificationKeySelector<>(PUBLIC, new ImmutableJWKSet<>(loadFile(jwkSetFile))));
    }
    if (jwksUrl != null && !jwksUrl.isBlank()) {
      JWKSource<SecurityContext> remote = JWKSourceBuilder.<SecurityContext>create(url(jwksUrl))
          .cache(jwksCacheMs, Math.min(jwksCacheMs, 15_000))
          .rateLimited(jwksRefreshMinMs)
          .retrying(true)
          .build();
      selectors.add(new JWSVerificationKeySelector<>(PUBLIC, remote));
    }
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("no token keys: set jwt.secret, jwt.jwks.file or jwt.jwks.url");
    }
    return new TokenKeys(List.copyOf(selectors));
  }

  public static TokenKeys hmac(String secret) {
    return of(secret, null, null, 0, 0);
  }

  /** One selector for all the keys: the candidates of every source that serves the token's algorithm. */
  JWSKeySelector<SecurityContext> selector() {
    return (header, context) -> {
      List<Key> keys = new ArrayList<>();
      for (JWSKeySelector<SecurityContext> s : selectors) {
        keys.addAll(s.selectJWSKeys(header, context));
      }
      return keys;
    };
  }

  private static JWKSet loadFile(Path file) {
    try {
      return JWKSet.parse(Files.readString(file));
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot read JWK set " + file + ": " + e.getMessage(), e);
    }
  }

  private static URL url(String spec) {
    try {
      return new URL(spec);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad JWKS URL " + spec + ": " + e.getMessage(), e);
    }
  }
}

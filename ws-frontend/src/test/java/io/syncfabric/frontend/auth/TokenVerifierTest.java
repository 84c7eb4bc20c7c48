package io.syncfabric.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final long NOW_SECONDS = 1_700_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(NOW_SECONDS);
  private static final long SKEW = 30;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenMinter minter = new TokenMinter(SECRET, clock);
  private final TokenVerifier verifier = new TokenVerifier(SECRET, clock, SKEW);

  private static String sign(JWSAlgorithm alg, String secret, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    return sign(JWSAlgorithm.HS256, SECRET, claims);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .subject("alice")
        .expirationTime(Date.from(NOW.plusSeconds(3600)))
        .claim("channels", List.of("chat:*"));
  }

  private TokenRejectedException rejection(String token) {
    try {
      verifier.verify(token);
    } catch (TokenRejectedException e) {
      return e;
    }
    throw new AssertionError("token was accepted: " + token);
  }

  @Test
  void acceptsAMintedToken() throws Exception {
    String token = minter.mint("alice", List.of("chat:*", "news:today"), Duration.ofHours(1));

    ConnectionToken verified = verifier.verify(token);

    assertThat(verified.subject()).isEqualTo("alice");
    for (Action action : Action.values()) { // channels grants every action
      assertThat(verified.permissions().allows(action, "chat:lobby")).isTrue();
      assertThat(verified.permissions().allows(action, "news:today")).isTrue();
      assertThat(verified.permissions().allows(action, "news:tomorrow")).isFalse();
    }
    assertThat(verified.expiresAtSeconds()).isEqualTo(NOW_SECONDS + 3600);
  }

  @Test
  void rejectsATokenSignedWithAnotherSecretAsInvalidNotExpired() {
    String token = new TokenMinter("another-secret-another-secret-32b", clock)
        .mint("alice", List.of("*"), Duration.ofHours(1));

    TokenRejectedException e = rejection(token);

    assertThat(e.expired()).isFalse();
    assertThat(e.getMessage()).startsWith("bad signature");
  }

  @Test
  void rejectsATokenWhosePayloadWasChanged() {
    String[] parts = minter.mint("alice", List.of("chat:lobby"), Duration.ofHours(1)).split("\\.");
    String forged = Base64URL.encode("{\"sub\":\"alice\",\"channels\":[\"*\"]}").toString();

    TokenRejectedException e = rejection(parts[0] + "." + forged + "." + parts[2]);

    assertThat(e.expired()).isFalse();
  }

  @Test
  void rejectsAnExpiredTokenAsExpired() {
    String token = minter.mint("alice", List.of("*"), Duration.ofHours(-1));

    TokenRejectedException e = rejection(token);

    assertThat(e.expired()).isTrue();
    assertThat(e.getMessage()).isEqualTo("token expired");
  }

  @Test
  void acceptsATokenExpiredWithinTheClockSkew() throws Exception {
    String token = minter.mint("alice", List.of("*"), Duration.ofSeconds(-SKEW + 1));

    assertThat(verifier.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void rejectsATokenExpiredJustPastTheClockSkew() {
    String token = minter.mint("alice", List.of("*"), Duration.ofSeconds(-SKEW - 1));

    assertThat(rejection(token).expired()).isTrue();
  }

  @Test
  void rejectsATokenNotValidYet() throws Exception {
    String token = sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(SKEW + 60))).build());

    TokenRejectedException e = rejection(token);

    assertThat(e.expired()).as("reported like expiry: the client needs a fresh token").isTrue();
    assertThat(e.getMessage()).contains("nbf");
  }

  @Test
  void acceptsNotBeforeWithinTheClockSkew() throws Exception {
    String token = sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(SKEW - 1))).build());

    assertThat(verifier.verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void acceptsATokenWithoutExpiry() throws Exception {
    String token = sign(claims().expirationTime(null).build());

    assertThat(verifier.verify(token).expiresAtSeconds()).isZero();
  }

  @Test
  void rejectsATokenWithoutSubject() throws Exception {
    String token = sign(claims().subject(null).build());

    TokenRejectedException e = rejection(token);

    assertThat(e.expired()).isFalse();
    assertThat(e.getMessage()).isEqualTo("token has no sub");
    assertThat(rejection(sign(claims().subject("  ").build())).getMessage()).isEqualTo("token has no sub");
  }

  @Test
  void rejectsAlgNone() {
    String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
    String payload = Base64URL.encode("{\"sub\":\"alice\",\"channels\":[\"*\"]}").toString();

    assertThat(rejection(header + "." + payload + ".").expired()).isFalse();
    assertThat(rejection(header + "." + payload).expired()).isFalse();
  }

  @Test
  void rejectsNonHmacAlgorithmEvenWithAValidHmacOverTheContent() throws Exception {
    String[] hs256 = sign(claims().build()).split("\\.");
    String header = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}").toString();

    TokenRejectedException e = rejection(header + "." + hs256[1] + "." + hs256[2]);

    assertThat(e.expired()).isFalse();
    assertThat(e.getMessage()).contains("no key for algorithm RS256"); // no RSA key configured: never checked as HMAC
  }

  @Test
  void acceptsOtherHmacStrengthsWhenTheSecretIsLongEnough() throws Exception {
    String longSecret = SECRET + SECRET;
    TokenVerifier strong = new TokenVerifier(longSecret, clock, SKEW);

    assertThat(strong.verify(sign(JWSAlgorithm.HS512, longSecret, claims().build())).subject()).isEqualTo("alice");
    assertThat(strong.verify(sign(JWSAlgorithm.HS384, longSecret, claims().build())).subject()).isEqualTo("alice");
  }

  @Test
  void rejectsGarbage() {
    for (String garbage : List.of("", "garbage", "a.b.c", "....")) {
      TokenRejectedException e = rejection(garbage);
      assertThat(e.expired()).as(garbage).isFalse();
      assertThat(e.getMessage()).as(garbage).isEqualTo("token is not a signed JWT");
    }
  }

  @Test
  void rejectsAnOverlongTokenBeforeParsingIt() {
    TokenRejectedException e = rejection("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1));

    assertThat(e.expired()).isFalse();
    assertThat(e.getMessage()).contains("longer than");
  }

  @Test
  void rejectsAChannelsClaimThatIsNotAList() throws Exception {
    TokenRejectedException e = rejection(sign(claims().claim("channels", "chat:*").build()));

    assertThat(e.expired()).isFalse();
    assertThat(e.getMessage()).isEqualTo("channels claim must be a list of strings");
  }

  @Test
  void rejectsAChannelsListWithNonStrings() throws Exception {
    TokenRejectedException e = rejection(sign(claims().claim("channels", List.of(1, 2)).build()));

    assertThat(e.getMessage()).isEqualTo("channels claim must be a list of strings");
  }

  @Test
  void missingChannelsClaimAllowsNothing() throws Exception {
    ConnectionToken token = verifier.verify(sign(claims().claim("channels", null).build()));

    for (Action action : Action.values()) {
      assertThat(token.permissions().allows(action, "chat:lobby")).isFalse();
    }
  }

  @Test
  void secretShorterThan32BytesIsRefused() {
    String shortSecret = "x".repeat(31);

    assertThatThrownBy(() -> new TokenVerifier(shortSecret, clock, SKEW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new TokenMinter(shortSecret, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}

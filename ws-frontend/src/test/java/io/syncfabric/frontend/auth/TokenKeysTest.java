package io.syncfabric.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RSA and EC keys from a JWK set file and a JWKS URL, key ids, audience, issuer, per-action claims. */
class TokenKeysTest {
  static RSAKey rsa;
  static RSAKey rsaRotated;
  static ECKey ec;
  final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    rsaRotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  private TokenMinter rsaMinter(RSAKey key) throws Exception {
    return new TokenMinter(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), clock);
  }

  private static Path jwkFile(JWKSet set) throws Exception {
    Path file = Files.createTempFile("jwks", ".json");
    Files.writeString(file, set.toString(true)); // public keys only
    return file;
  }

  @Test
  void rsaAndEcTokensVerifyAgainstAJwkSetFileByKeyId() throws Exception {
    TokenVerifier verifier = new TokenVerifier(TokenKeys.of(null, jwkFile(new JWKSet(List.of(rsa, ec))), null, 0, 0),
        TokenRules.lenient(30), clock);
    String rsaToken = rsaMinter(rsa).mint("alice", List.of("chat:*"), Duration.ofHours(1));
    String ecToken = new TokenMinter(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", clock)
        .mint("bob", List.of("chat:*"), Duration.ofHours(1));

    assertThat(verifier.verify(rsaToken).subject()).isEqualTo("alice");
    assertThat(verifier.verify(ecToken).subject()).isEqualTo("bob");
    assertThatThrownBy(() -> verifier.verify(rsaMinter(rsaRotated).mint("eve", List.of("*"), Duration.ofHours(1))))
        .isInstanceOf(TokenRejectedException.class).hasMessageContaining("kid rsa-2");
    // an HS256 token "signed" with the public key as HMAC secret must not pass: no HMAC key is configured
    assertThatThrownBy(() -> verifier.verify(new TokenMinter(new String(rsa.toPublicJWK().toJSONString()
        .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), clock).mint("eve", List.of("*"), Duration.ofHours(1))))
        .isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void aJwksUrlIsCachedAndRefetchedForANewKeyId() throws Exception {
    AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(rsa));
    AtomicInteger fetches = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks", exchange -> {
      fetches.incrementAndGet();
      byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
      TokenVerifier verifier = new TokenVerifier(TokenKeys.of(null, null, url, 300_000, 1), TokenRules.lenient(30), clock);

      verifier.verify(rsaMinter(rsa).mint("a", List.of("*"), Duration.ofHours(1)));
      verifier.verify(rsaMinter(rsa).mint("b", List.of("*"), Duration.ofHours(1)));
      assertThat(fetches.get()).as("cached").isEqualTo(1);

      served.set(new JWKSet(List.of(rsa, rsaRotated))); // the issuer rotates in a new key
      Thread.sleep(5); // past the refetch rate limit (1 ms here)
      assertThat(verifier.verify(rsaMinter(rsaRotated).mint("c", List.of("*"), Duration.ofHours(1))).subject())
          .isEqualTo("c");
      assertThat(fetches.get()).isEqualTo(2);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void audienceAndIssuerAreCheckedWhenConfigured() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    TokenVerifier verifier = new TokenVerifier(TokenKeys.hmac(secret), new TokenRules("fabric", "https://auth.example", 30), clock);
    TokenMinter minter = new TokenMinter(secret, clock);
    Duration hour = Duration.ofHours(1);

    assertThat(verifier.verify(minter.mint(new TokenMinter.Grant("a", List.of("*"), Map.of(), "fabric",
        "https://auth.example", hour))).subject()).isEqualTo("a");
    assertThatThrownBy(() -> verifier.verify(minter.mint(new TokenMinter.Grant("a", List.of("*"), Map.of(), "other",
        "https://auth.example", hour)))).hasMessageContaining("audience");
    assertThatThrownBy(() -> verifier.verify(minter.mint(new TokenMinter.Grant("a", List.of("*"), Map.of(), "fabric",
        "https://evil.example", hour)))).hasMessageContaining("issuer");
    assertThatThrownBy(() -> verifier.verify(minter.mint("a", List.of("*"), hour))).hasMessageContaining("audience");
  }

  @Test
  void perActionClaimsOverrideChannels() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    TokenVerifier verifier = new TokenVerifier(secret, clock, 30);
    ConnectionToken t = verifier.verify(new TokenMinter(secret, clock).mint(new TokenMinter.Grant("a",
        List.of("chat:*"), Map.of(Action.PUBLISH, List.of("chat:own"), Action.PRESENCE, List.of()), null, null,
        Duration.ofHours(1))));

    assertThat(t.permissions().allows(Action.SUBSCRIBE, "chat:x")).isTrue();
    assertThat(t.permissions().allows(Action.HISTORY, "chat:x")).isTrue();
    assertThat(t.permissions().allows(Action.PUBLISH, "chat:x")).isFalse();
    assertThat(t.permissions().allows(Action.PUBLISH, "chat:own")).isTrue();
    assertThat(t.permissions().allows(Action.PRESENCE, "chat:x")).isFalse();
  }

  @Test
  void subscriptionTokensAreBoundToTheClientAndTheChannel() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    TokenVerifier verifier = new TokenVerifier(secret, clock, 30);
    TokenMinter minter = new TokenMinter(secret, clock);
    String token = minter.mintSubscription("n1.aaaa", "private:room", Duration.ofMinutes(5));

    assertThat(verifier.verifySubscription(token, "n1.aaaa", "private:room")).isPositive();
    assertThatThrownBy(() -> verifier.verifySubscription(token, "n1.bbbb", "private:room"))
        .hasMessageContaining("another client");
    assertThatThrownBy(() -> verifier.verifySubscription(token, "n1.aaaa", "private:other"))
        .hasMessageContaining("another client or channel");
    assertThatThrownBy(() -> verifier.verifySubscription(minter.mintSubscription("n1.aaaa", "private:room",
        Duration.ofMinutes(-5)), "n1.aaaa", "private:room")).hasMessageContaining("expired");
  }

  @Test
  void noKeysAtAllIsAConfigurationError() {
    assertThatThrownBy(() -> TokenKeys.of("", null, "", 0, 0)).hasMessageContaining("jwt.secret");
    assertThatThrownBy(() -> TokenKeys.hmac("short")).hasMessageContaining("32 bytes");
  }

  @Test
  void duringRotationTheCurrentAndThePreviousSecretBothVerify() throws Exception {
    String current = "current-secret-current-secret-0001";
    String previous = "previous-secret-previous-secret-01";
    TokenVerifier verifier = new TokenVerifier(TokenKeys.ofSecrets(List.of(current, previous), null, null, 0, 0),
        TokenRules.lenient(30), clock);
    assertThat(verifier.verify(new TokenMinter(current, clock).mint("a", List.of("*"), Duration.ofHours(1))).subject())
        .isEqualTo("a");
    assertThat(verifier.verify(new TokenMinter(previous, clock).mint("b", List.of("*"), Duration.ofHours(1))).subject())
        .isEqualTo("b");
    assertThatThrownBy(() -> verifier.verify(new TokenMinter("unrelated-secret-unrelated-secret-1", clock)
        .mint("c", List.of("*"), Duration.ofHours(1)))).isInstanceOf(TokenRejectedException.class);
  }
}

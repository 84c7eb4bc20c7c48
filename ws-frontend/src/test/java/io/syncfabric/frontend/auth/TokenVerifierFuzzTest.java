package io.syncfabric.frontend.auth;

import static io.syncfabric.frontend.protocol.Escaped.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.syncfabric.frontend.protocol.JsonFuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * Property tests of token checks, with every kind of key configured (HMAC secret, RSA and EC keys
 * from a JWK set) and audience and issuer rules: arbitrary text and every mutation of a valid token
 * (a flipped signature bit, a changed claim, alg none, another key, the public key as HMAC secret)
 * is refused with {@link TokenRejectedException}, never accepted and never another exception.
 */
class TokenVerifierFuzzTest {
  /** Fixed, so CI tries the same inputs every run; change it (or drop it from @Property) to explore. */
  private static final String SEED = "8204421096645102417";

  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String AUDIENCE = "fabric";
  static final String ISSUER = "https://issuer.example";
  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  static RSAKey rsa;
  static ECKey ec;
  static TokenVerifier verifier;
  /** Signers the verifier trusts, and signers it must not (same key ids, other keys). */
  static List<TokenMinter> trusted;
  static List<TokenMinter> untrusted;

  @BeforeContainer
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    Path jwks = Files.createTempFile("fuzz-jwks", ".json");
    Files.writeString(jwks, new JWKSet(List.of(rsa, ec)).toString(true)); // public keys only
    verifier = new TokenVerifier(TokenKeys.ofSecrets(List.of(SECRET), jwks, null, 0, 0),
        new TokenRules(AUDIENCE, ISSUER, 30), clock);
    trusted = List.of(new TokenMinter(SECRET, clock),
        new TokenMinter(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", clock),
        new TokenMinter(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec-1", clock));
    untrusted = List.of(new TokenMinter("another-secret-another-secret-32b", clock),
        new TokenMinter(new RSASSASigner(new RSAKeyGenerator(2048).keyID("rsa-1").generate()), JWSAlgorithm.RS256,
            "rsa-1", clock),
        new TokenMinter(new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate()), JWSAlgorithm.ES256,
            "ec-1", clock),
        new TokenMinter(rsa.toPublicJWK().toJSONString(), clock), // key confusion: public key as HMAC secret
        new TokenMinter(new String(rsa.toRSAPublicKey().getEncoded(), StandardCharsets.ISO_8859_1), clock));
  }

  @Property(tries = 3_000, seed = SEED)
  @Label("verify(any text)")
  void arbitraryTextIsRefused(@ForAll Random r) throws Exception {
    if (r.nextInt(4) == 0) { // edits of a valid token: refused unless they left it as it was
      String original = valid(r);
      String token = JsonFuzz.mutate(r, original);
      if (!token.equals(original)) { // one valid token, one accepted spelling: no junk characters tolerated
        refused(() -> verifier.verify(token), "an edit of " + show(original) + ": " + show(token), null);
      }
      refusedAsSubscription(token);
      return;
    }
    String token = switch (r.nextInt(3)) {
      case 0 -> JsonFuzz.unicode(r, r.nextInt(200));
      case 1 -> segment(JsonFuzz.jsonish(r, 0)) + "." + segment(JsonFuzz.jsonish(r, 0)) + "." + segment(JsonFuzz.unicode(r, 8));
      default -> segment(header(r)) + "." + segment(JsonFuzz.hostileObject(r)) + "." + randomSignature(r);
    };
    refused(token, null);
    refusedAsSubscription(token);
  }

  @Property(tries = 2_000, seed = SEED)
  @Label("verify(mutated token)")
  void everyMutationOfAValidTokenIsRefused(@ForAll Random r) throws Exception {
    String token = valid(r);
    assertThat(verifier.verify(token).subject()).isNotBlank(); // the control: unmutated, it passes
    String[] parts = token.split("\\.");
    ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    long nowSeconds = NOW.getEpochSecond();
    Boolean expired = false;
    String mutated = switch (r.nextInt(12)) {
      case 0 -> parts[0] + "." + parts[1] + "." + flipBit(r, parts[2]);
      case 1 -> parts[0] + "." + segment(JSON.writeValueAsString(changeClaim(r, claims))) + "." + parts[2];
      case 2 -> segment("{\"alg\":\"none\"}") + "." + parts[1] + ".";
      case 3 -> segment("{\"alg\":\"" + List.of("HS256", "RS256", "ES256", "PS256", "HS512").get(r.nextInt(5))
          + "\",\"kid\":\"" + List.of("rsa-1", "ec-1", "../x", "").get(r.nextInt(4)) + "\"}") + "." + parts[1] + "." + parts[2];
      case 4 -> untrusted.get(r.nextInt(untrusted.size())).mint(grant(r, AUDIENCE, ISSUER, Duration.ofHours(1)));
      case 5 -> parts[0] + "." + parts[1];
      case 6 -> token + "." + parts[2];
      case 7 -> {
        expired = true; // past exp beyond the skew, or nbf in the future
        yield r.nextBoolean()
            ? minter(r).mint(grant(r, AUDIENCE, ISSUER, Duration.ofSeconds(-31 - r.nextInt(100_000))))
            : signed(r, claims.put("nbf", nowSeconds + 31 + r.nextInt(100_000)));
      }
      case 8 -> minter(r).mint(grant(r, r.nextBoolean() ? null : "other", ISSUER, Duration.ofHours(1)));
      case 9 -> minter(r).mint(grant(r, AUDIENCE, r.nextBoolean() ? null : ISSUER + "/", Duration.ofHours(1)));
      case 10 -> signed(r, r.nextBoolean() ? claims.without("sub") : claims.put("sub", "  "));
      default -> {
        expired = null; // a permission claim of the wrong type: refused, whatever the flag
        yield signed(r, claims.put(r.nextBoolean() ? "channels" : "publish", r.nextBoolean() ? "*" : "1"));
      }
    };
    refused(mutated, expired);
  }

  @Property(tries = 1_000, seed = SEED)
  @Label("subscription binding")
  void subscriptionTokensAreBoundToTheirClientAndChannel(@ForAll Random r) throws Exception {
    String client = "n1." + Long.toHexString(r.nextLong());
    String channel = "private:" + Integer.toHexString(r.nextInt());
    ObjectNode claims = JSON.createObjectNode().put("client", client).put("channel", channel)
        .put("exp", NOW.getEpochSecond() + 300).put("aud", AUDIENCE).put("iss", ISSUER);
    String token = signed(r, claims);

    assertThat(verifier.verifySubscription(token, client, channel)).isEqualTo(NOW.getEpochSecond() + 300);
    String otherClient = r.nextBoolean() ? client : client + JsonFuzz.unicode(r, 1 + r.nextInt(3));
    String otherChannel = otherClient.equals(client) ? channel + "x" : channel;
    refused(() -> verifier.verifySubscription(token, otherClient, otherChannel), show(token), false);
    refused(() -> verifier.verifySubscription(valid(r), client, channel), "a connection token", false);
  }

  /** A token the verifier accepts, from any trusted key. */
  private static String valid(Random r) {
    return minter(r).mint(grant(r, AUDIENCE, ISSUER, Duration.ofSeconds(1 + r.nextInt(86_400))));
  }

  private static TokenMinter minter(Random r) {
    return trusted.get(r.nextInt(trusted.size()));
  }

  private static TokenMinter.Grant grant(Random r, String audience, String issuer, Duration ttl) {
    List<String> channels = List.of("chat:*", JsonFuzz.validUnicode(r, r.nextInt(20)), "*").subList(0, r.nextInt(4));
    return new TokenMinter.Grant("u-" + JsonFuzz.validUnicode(r, 1 + r.nextInt(20)), channels,
        java.util.Map.of(), audience, issuer, ttl);
  }

  /** The claims, re-signed by a trusted key: only the claim checks can refuse them. */
  private static String signed(Random r, ObjectNode claims) throws Exception {
    int which = r.nextInt(trusted.size());
    String header = segment(List.of("{\"alg\":\"HS256\"}", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
        "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}").get(which));
    var jwt = new com.nimbusds.jwt.SignedJWT(com.nimbusds.jose.JWSHeader.parse(
        com.nimbusds.jose.util.Base64URL.from(header)), com.nimbusds.jwt.JWTClaimsSet.parse(claims.toString()));
    jwt.sign(which == 0 ? new com.nimbusds.jose.crypto.MACSigner(SECRET)
        : which == 1 ? new RSASSASigner(rsa) : new ECDSASigner(ec));
    return jwt.serialize();
  }

  private static ObjectNode changeClaim(Random r, ObjectNode claims) {
    switch (r.nextInt(5)) {
      case 0 -> claims.put("sub", "root");
      case 1 -> claims.putArray("channels").add("*");
      case 2 -> claims.put("exp", claims.path("exp").asLong() + 1 + r.nextInt(1_000_000));
      case 3 -> claims.put("aud", AUDIENCE + "2");
      default -> claims.put("publish", "*");
    }
    return claims;
  }

  /** One bit of the decoded signature flipped (a flipped base64 character can leave the bytes as they were). */
  private static String flipBit(Random r, String signature) {
    byte[] bytes = Base64.getUrlDecoder().decode(signature);
    bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
    return B64.encodeToString(bytes);
  }

  private static String header(Random r) {
    return "{\"alg\":" + List.of("\"none\"", "\"HS256\"", "\"RS256\"", "\"ES256\"", "\"\"", "null", "1", "\"HS1\"",
        "[\"HS256\"]").get(r.nextInt(9)) + (r.nextBoolean() ? ",\"kid\":" + JsonFuzz.anyScalar(r) : "")
        + (r.nextInt(4) == 0 ? ",\"crit\":[\"exp\"]" : "") + "}";
  }

  private static String randomSignature(Random r) {
    byte[] sig = new byte[r.nextInt(300)];
    r.nextBytes(sig);
    return B64.encodeToString(sig);
  }

  private static String segment(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String token, Boolean expired) {
    refused(() -> verifier.verify(token), show(token), expired);
  }

  private static void refusedAsSubscription(String token) {
    refused(() -> verifier.verifySubscription(token, "n1.0011223344556677", "private:x"), show(token), false);
  }

  private interface Check {
    Object run() throws Exception;
  }

  /** Refused with TokenRejectedException (and the given expired flag, unless null); nothing else. */
  private static void refused(Check check, String what, Boolean expired) {
    Object accepted;
    try {
      accepted = check.run();
    } catch (TokenRejectedException e) {
      assertThat(e.getMessage()).isNotBlank();
      if (expired != null) {
        assertThat(e.expired()).as("expired flag for %s: %s", what, e.getMessage()).isEqualTo(expired);
      }
      return;
    } catch (Throwable t) {
      throw new AssertionError("threw " + t + " for " + what, t);
    }
    throw new AssertionError("accepted " + accepted + " for " + what);
  }
}

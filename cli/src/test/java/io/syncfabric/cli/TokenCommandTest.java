package io.syncfabric.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.syncfabric.frontend.auth.Action;
import io.syncfabric.frontend.auth.TokenRules;
import io.syncfabric.frontend.auth.TokenKeys;
import io.syncfabric.frontend.auth.TokenVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
  private static String run(String... args) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertThat(FabricCommand.commandLine().execute(args)).isZero();
    } finally {
      System.setOut(before);
    }
    return out.toString().trim();
  }

  @Test
  void mintsConnectionTokensWithAudienceIssuerAndTtl() throws Exception {
    String token = run("token", "--sub", "alice", "--channels", "chat:*,news", "--ttl", "60", "--aud", "fabric",
        "--iss", "lab");
    var verified = new TokenVerifier(TokenKeys.hmac(LabDefaults.JWT_SECRET), new TokenRules("fabric", "lab", 0),
        Clock.systemUTC()).verify(token);
    assertThat(verified.subject()).isEqualTo("alice");
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("channels")).containsExactly("chat:*", "news");
  }

  @Test
  void negativeTtlMintsAnExpiredTokenAndPrivateChannelsGetSubscriptionTokens() throws Exception {
    var verifier = new TokenVerifier(LabDefaults.JWT_SECRET, Clock.systemUTC(), 0);
    String expired = run("token", "--sub", "bob", "--ttl", "-10");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(expired)).hasMessageContaining("expired");
    // what the lab's frontends do: the default skew of 30 s forgives -10, not -31
    var lab = new TokenVerifier(LabDefaults.JWT_SECRET, Clock.systemUTC(), 30);
    assertThat(lab.verify(expired).subject()).isEqualTo("bob");
    String past = run("token", "--sub", "bob", "--ttl", "-31");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> lab.verify(past)).hasMessageContaining("expired");

    String sub = run("token", "--private-channel", "private:room", "--client", "a-8080.0011223344556677");
    assertThat(verifier.verifySubscription(sub, "a-8080.0011223344556677", "private:room")).isPositive();
  }

  @Test
  void perActionFlagsBecomeTheirClaimsAndTheOthersFallBackToChannels() throws Exception {
    String token = run("token", "--sub", "carol", "--channels", "chat:*", "--publish", "chat:carol", "--history", "none");
    var verified = new TokenVerifier(LabDefaults.JWT_SECRET, Clock.systemUTC(), 0).verify(token);
    assertThat(verified.permissions().allows(Action.SUBSCRIBE, "chat:lobby")).isTrue();
    assertThat(verified.permissions().allows(Action.PUBLISH, "chat:lobby")).isFalse();
    assertThat(verified.permissions().allows(Action.PUBLISH, "chat:carol")).isTrue();
    assertThat(verified.permissions().allows(Action.HISTORY, "chat:lobby")).isFalse();
    assertThat(verified.permissions().allows(Action.PRESENCE, "chat:lobby")).isTrue();
    var claims = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(claims.getStringListClaim("publish")).containsExactly("chat:carol");
    assertThat(claims.getClaim("subscribe")).isNull();
  }

  @Test
  void anActionFlagAloneGrantsThatActionOnly() throws Exception {
    String token = run("token", "--sub", "dave", "--subscribe", "news:*");
    var verified = new TokenVerifier(LabDefaults.JWT_SECRET, Clock.systemUTC(), 0).verify(token);
    assertThat(verified.permissions().allows(Action.SUBSCRIBE, "news:today")).isTrue();
    assertThat(verified.permissions().allows(Action.PUBLISH, "news:today")).isFalse();
    assertThat(verified.permissions().allows(Action.SUBSCRIBE, "chat:lobby")).isFalse();
    assertThat(SignedJWT.parse(run("token", "--sub", "erin")).getJWTClaimsSet().getStringListClaim("channels"))
        .containsExactly("*");
  }
}

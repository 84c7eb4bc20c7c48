package io.syncfabric.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendConfigTest {
  private static FrontendConfig load(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("jwt.secret", "0123456789abcdef0123456789abcdef"));
    values.putAll(extra);
    return FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(), values));
  }

  @Test
  void poolDefaultsAreConsistent() {
    FrontendConfig c = load(Map.of());
    assertThat(c.pool().memberTtlMs()).isGreaterThanOrEqualTo(c.cluster().failureDetectionSeconds() * 1000L
        + c.pool().heartbeatMs());
    assertThat(c.pool().maxConnectionsPerUser()).isZero();
    assertThat(c.pool().presence()).isTrue();
  }

  @Test
  void aPoolTtlShorterThanHazelcastFailureDetectionIsRefusedByName() {
    assertThatThrownBy(() -> load(Map.of("pool.member.ttl.ms", "3000", "hazelcast.failure.detection.seconds", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pool.member.ttl.ms:")
        .hasMessageContaining("5000");
    assertThat(load(Map.of("pool.member.ttl.ms", "3000", "hazelcast.enabled", "false")).pool().memberTtlMs())
        .isEqualTo(3000);
  }

  @Test
  void someTokenKeyIsRequiredAndPublicKeysAloneAreEnough() {
    Map<String, String> none = new HashMap<>();
    assertThatThrownBy(() -> FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(), none)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("jwt.secret:").hasMessageContaining("jwt.jwks.url");
    FrontendConfig c = FrontendConfig.from(FrontendConfig.definition().load(null, Map.of(),
        Map.of("jwt.jwks.url", "https://idp.example/jwks", "jwt.audience", "fabric")));
    assertThat(c.tokens().jwksUrl()).isEqualTo("https://idp.example/jwks");
    assertThat(c.tokens().audience()).isEqualTo("fabric");
    assertThat(c.tokens().issuer()).isNull();
    assertThatThrownBy(() -> load(Map.of("jwt.secret", "too-short"))).hasMessageStartingWith("jwt.secret:");
  }

  @Test
  void membershipDefaultsAndAMembersTtlNotAboveTheAnnounceIntervalIsRefusedByName() {
    FrontendConfig c = load(Map.of("topics.members", "it.members"));
    assertThat(c.members().topic()).isEqualTo("it.members");
    assertThat(c.members().ttlMs()).isGreaterThan(c.members().announceMs());
    assertThatThrownBy(() -> load(Map.of("members.announce.ms", "5000", "members.ttl.ms", "5000")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("members.ttl.ms:");
  }

  @Test
  void anIdleTimeoutNeedsPingsThatComeMoreOftenThanIt() {
    assertThatThrownBy(() -> load(Map.of("ws.ping.interval.ms", "0")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("ws.idle.timeout.ms:").hasMessageContaining("ws.ping.interval.ms");
    assertThatThrownBy(() -> load(Map.of("ws.ping.interval.ms", "30000", "ws.idle.timeout.ms", "30000")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("ws.idle.timeout.ms:");
    assertThat(load(Map.of("ws.ping.interval.ms", "0", "ws.idle.timeout.ms", "0")).limits().idleTimeoutMs()).isZero();
    assertThat(load(Map.of()).limits().idleTimeoutMs()).isEqualTo(60_000);
  }
}

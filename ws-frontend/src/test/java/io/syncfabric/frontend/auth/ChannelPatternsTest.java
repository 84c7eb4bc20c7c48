package io.syncfabric.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelPatternsTest {

  private static ChannelPatterns of(String... patterns) {
    return new ChannelPatterns(List.of(patterns));
  }

  @Test
  void exactPatternAllowsOnlyThatChannel() {
    ChannelPatterns p = of("chat:lobby");

    assertThat(p.allows("chat:lobby")).isTrue();
    assertThat(p.allows("chat:lobby2")).isFalse();
    assertThat(p.allows("chat:lobb")).isFalse();
    assertThat(p.allows("Chat:lobby")).isFalse();
  }

  @Test
  void trailingStarAllowsThePrefixFollowedByAnything() {
    ChannelPatterns p = of("chat:*");

    assertThat(p.allows("chat:lobby")).isTrue();
    assertThat(p.allows("chat:")).isTrue();
    assertThat(p.allows("chat:a:b")).isTrue();
    assertThat(p.allows("chat")).isFalse();
    assertThat(p.allows("news:chat:x")).isFalse();
  }

  @Test
  void loneStarAllowsEverything() {
    ChannelPatterns p = of("*");

    assertThat(p.allows("chat:lobby")).isTrue();
    assertThat(p.allows("x")).isTrue();
  }

  @Test
  void starsInTheMiddleMatchAnyRunIncludingNone() {
    ChannelPatterns p = of("a*b*c");

    assertThat(p.allows("abc")).isTrue();
    assertThat(p.allows("a-b-c")).isTrue();
    assertThat(p.allows("axxbyybzc")).isTrue();
    assertThat(p.allows("abcbc")).isTrue();
    assertThat(p.allows("ab")).isFalse();
    assertThat(p.allows("acb")).isFalse();
    assertThat(p.allows("abcd")).isFalse();
    assertThat(p.allows("xabc")).isFalse();
  }

  @Test
  void leadingStarAnchorsTheEnd() {
    ChannelPatterns p = of("*:admin");

    assertThat(p.allows("room:admin")).isTrue();
    assertThat(p.allows("room:admin:x")).isFalse();
  }

  @Test
  void anyMatchingPatternAllows() {
    ChannelPatterns p = of("news:*", "chat:lobby");

    assertThat(p.allows("news:today")).isTrue();
    assertThat(p.allows("chat:lobby")).isTrue();
    assertThat(p.allows("chat:other")).isFalse();
  }

  @Test
  void noPatternsAllowNothing() {
    assertThat(ChannelPatterns.NONE.allows("chat:lobby")).isFalse();
    assertThat(of().allows("")).isFalse();
  }

  @Test
  void patternsAreCopiedSoLaterChangesDoNotLeakIn() {
    List<String> source = new ArrayList<>(List.of("chat:lobby"));
    ChannelPatterns p = new ChannelPatterns(source);

    source.add("*");

    assertThat(p.allows("news:x")).isFalse();
  }

  @Test
  void manyStarsAgainstALongChannelFinishQuickly() {
    String pattern = "*a*a*a*a*a*a*a*a*b";
    String channel = "a".repeat(200);

    assertThat(ChannelPatterns.matches(pattern, channel)).isFalse();
  }
}

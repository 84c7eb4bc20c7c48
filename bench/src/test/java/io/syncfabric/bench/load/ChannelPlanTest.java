package io.syncfabric.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelPlanTest {
  @Test
  void spreadsSubscribersEvenlyAndCountsThem() {
    ChannelPlan plan = new ChannelPlan("bench:t:", 10_000, 1_000, 1);

    assertThat(IntStream.range(0, 1_000).map(plan::subscribers).distinct().toArray()).containsExactly(10);
    assertThat(plan.channelNamesOf(1_234)).containsExactly("bench:t:234");
  }

  @Test
  void severalSubscriptionsPerConnectionAreDistinctAndAddUp() {
    ChannelPlan plan = new ChannelPlan("p", 7, 5, 3);

    for (int i = 0; i < 7; i++) {
      assertThat(Arrays.stream(plan.channelsOf(i)).distinct().count()).isEqualTo(3);
    }
    assertThat(IntStream.range(0, 5).map(plan::subscribers).sum()).isEqualTo(plan.subscriptions()).isEqualTo(21);
  }

  @Test
  void refusesMoreSubscriptionsThanChannels() {
    assertThatThrownBy(() -> new ChannelPlan("p", 1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}

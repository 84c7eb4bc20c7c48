package io.syncfabric.frontend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveStatsTest {
  @Test
  void ratesAndPercentilesCoverOnlyTheLastInterval() {
    LiveStats live = new LiveStats();
    live.tick(100, 1_000, 10_000);
    for (int i = 1; i <= 100; i++) {
      live.recordLatencyMs(i);
    }

    LiveStats.Snapshot s = live.tick(300, 1_500, 12_000);

    assertThat(s.messagesPerSec()).isEqualTo(100.0);
    assertThat(s.deliveriesPerSec()).isEqualTo(250.0);
    assertThat(s.latencyP50Ms()).isBetween(49.0, 51.0);
    assertThat(s.latencyP99Ms()).isBetween(98.0, 100.0);
    assertThat(live.last()).isEqualTo(s);
    assertThat(live.tick(300, 1_500, 13_000).latencyP99Ms()).isZero(); // nothing recorded since
  }

  @Test
  void recentEventsKeepTheNewestAndTellWhatIsNew() {
    RecentEvents events = new RecentEvents("n1", 3);
    for (int i = 1; i <= 5; i++) {
      events.add("error", "e" + i);
    }
    assertThat(events.after(0, 10)).extracting(RecentEvents.Event::detail).containsExactly("e3", "e4", "e5");
    assertThat(events.after(4, 10)).extracting(RecentEvents.Event::detail).containsExactly("e5");
    assertThat(events.after(0, 2)).extracting(RecentEvents.Event::detail).containsExactly("e4", "e5");
    assertThat(events.lastId()).isEqualTo(5);
  }
}

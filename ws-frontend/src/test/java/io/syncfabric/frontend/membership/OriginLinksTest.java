package io.syncfabric.frontend.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OriginLinksTest {
  private final AtomicLong now = new AtomicLong(50_000);
  private final OriginLinks links = new OriginLinks(now::get);

  @Test
  void lagIsReceiveTimeMinusRecordTimestampAndAgeGrowsUntilTheNextRecord() {
    links.watching("b");
    assertThat(links.link("b")).isEqualTo(new OriginLinks.Link(-1, 0));

    now.addAndGet(300);
    links.arrived("b", now.get() - 40);
    assertThat(links.link("b")).isEqualTo(new OriginLinks.Link(40, 0));

    now.addAndGet(7_000); // the link went quiet: lag stays, age shows it
    assertThat(links.link("b")).isEqualTo(new OriginLinks.Link(40, 7_000));
  }

  @Test
  void aRecordStampedAheadOfOurClockCountsAsNoLag() {
    links.arrived("c", now.get() + 500);
    assertThat(links.link("c").lagMs()).isZero();
  }

  @Test
  void watchingAgainKeepsWhatArrived() {
    links.arrived("b", now.get() - 10);
    links.watching("b");
    assertThat(links.link("b").lagMs()).isEqualTo(10);
    assertThat(links.all()).containsOnlyKeys("b");
    assertThat(links.link("x")).isNull();
  }
}

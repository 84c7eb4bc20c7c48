package io.syncfabric.frontend.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncfabric.schema.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChannelTableTest {
  private final ChannelTable table = new ChannelTable();

  /** A subscriber that keeps what it is given. */
  private static final class Inbox implements Subscriber {
    final List<byte[]> frames = new ArrayList<>();

    @Override
    public boolean deliver(byte[] frame) {
      frames.add(frame);
      return true;
    }

    List<String> texts() {
      return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }
  }

  private static final class CountingFrame implements Supplier<byte[]> {
    final AtomicInteger calls = new AtomicInteger();
    final byte[] frame;

    CountingFrame(String text) {
      frame = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] get() {
      calls.incrementAndGet();
      return frame;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static StreamPosition at(String epoch, long seq) {
    return new StreamPosition(epoch, seq);
  }

  private void subscribe(String channel, Subscriber s) {
    table.subscribe(channel, s, positions -> bytes("subscribed@" + positions.latest()));
  }

  private int dispatch(String channel, StreamPosition position) {
    return table.dispatch(channel, "a", position, () -> bytes("m" + position.seq()), 0);
  }

  @Test
  void subscribeEnqueuesTheReplyBuiltFromNoPositionAtFirst() {
    Inbox inbox = new Inbox();
    List<StreamPosition> seen = new ArrayList<>();

    table.subscribe("chat:a", inbox, positions -> {
      seen.add(positions.latest());
      return bytes("reply");
    });

    assertThat(seen).containsExactly((StreamPosition) null);
    assertThat(inbox.texts()).containsExactly("reply");
    assertThat(table.channelCount()).isEqualTo(1);
    assertThat(table.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void laterSubscriberReplyCarriesTheLastDeliveredPosition() {
    Inbox first = new Inbox();
    Inbox second = new Inbox();
    subscribe("chat:a", first);
    dispatch("chat:a", at("e1", 1));
    dispatch("chat:a", at("e1", 2));

    subscribe("chat:a", second);
    dispatch("chat:a", at("e1", 3));

    assertThat(first.texts()).containsExactly("subscribed@null", "m1", "m2", "m3");
    assertThat(second.texts()).containsExactly("subscribed@" + at("e1", 2), "m3");
  }

  @Test
  void dispatchBuildsTheFrameOnceForAllSubscribers() {
    Inbox a = new Inbox();
    Inbox b = new Inbox();
    Inbox other = new Inbox();
    subscribe("chat:a", a);
    subscribe("chat:a", b);
    subscribe("chat:b", other);
    CountingFrame frame = new CountingFrame("m1");

    int delivered = table.dispatch("chat:a", "a", at("e1", 1), frame, 0);

    assertThat(delivered).isEqualTo(2);
    assertThat(frame.calls).hasValue(1);
    assertThat(a.frames.get(1)).isSameAs(frame.frame);
    assertThat(b.frames.get(1)).isSameAs(frame.frame);
    assertThat(other.frames).hasSize(1);
  }

  @Test
  void dispatchWithoutSubscribersBuildsNothing() {
    CountingFrame frame = new CountingFrame("m1");

    assertThat(table.dispatch("chat:nobody", "a", at("e1", 1), frame, 0)).isZero();
    assertThat(frame.calls).hasValue(0);
    assertThat(table.channelCount()).isZero();
  }

  @Test
  void samePositionOrOlderInTheSameEpochIsADuplicate() {
    Inbox inbox = new Inbox();
    subscribe("chat:a", inbox);
    dispatch("chat:a", at("e1", 5));

    assertThat(dispatch("chat:a", at("e1", 5))).isEqualTo(ChannelTable.DUPLICATE);
    assertThat(dispatch("chat:a", at("e1", 4))).isEqualTo(ChannelTable.DUPLICATE);
    assertThat(dispatch("chat:a", at("e1", 6))).isEqualTo(1);
    assertThat(inbox.texts()).containsExactly("subscribed@null", "m5", "m6");
  }

  @Test
  void aNewEpochIsAcceptedWhateverItsSeq() {
    Inbox inbox = new Inbox();
    subscribe("chat:a", inbox);
    dispatch("chat:a", at("e1", 9));

    assertThat(dispatch("chat:a", at("e2", 1))).isEqualTo(1);
    assertThat(dispatch("chat:a", at("e2", 1))).isEqualTo(ChannelTable.DUPLICATE);
    assertThat(inbox.texts()).containsExactly("subscribed@null", "m9", "m1");
  }

  @Test
  void unsubscribeStopsDeliveryAndRemovesTheChannelWhenItsLastSubscriberLeaves() {
    Inbox a = new Inbox();
    Inbox b = new Inbox();
    subscribe("chat:a", a);
    subscribe("chat:a", b);

    assertThat(table.unsubscribe("chat:a", a)).isTrue();
    assertThat(table.channelCount()).isEqualTo(1);
    assertThat(table.subscriptionCount()).isEqualTo(1);
    assertThat(dispatch("chat:a", at("e1", 1))).isEqualTo(1);
    assertThat(a.texts()).containsExactly("subscribed@null");

    assertThat(table.unsubscribe("chat:a", b)).isTrue();
    assertThat(table.channelCount()).isZero();
    assertThat(table.subscriptionCount()).isZero();
  }

  @Test
  void unsubscribeOfSomethingNotSubscribedReturnsFalse() {
    Inbox a = new Inbox();
    Inbox stranger = new Inbox();
    subscribe("chat:a", a);

    assertThat(table.unsubscribe("chat:a", stranger)).isFalse();
    assertThat(table.unsubscribe("chat:none", a)).isFalse();
    assertThat(table.unsubscribe("chat:a", a)).isTrue();
    assertThat(table.unsubscribe("chat:a", a)).isFalse();
    assertThat(table.subscriptionCount()).isZero();
  }

  @Test
  void subscriptionCountAddsUpAcrossChannels() {
    Inbox a = new Inbox();
    Inbox b = new Inbox();
    subscribe("chat:1", a);
    subscribe("chat:2", a);
    subscribe("chat:2", b);

    assertThat(table.subscriptionCount()).isEqualTo(3);
    assertThat(table.channelCount()).isEqualTo(2);
  }

  @Test
  void aChannelKeepsItsLastPositionAfterItsLastSubscriberLeaves() {
    Inbox a = new Inbox();
    subscribe("chat:a", a);
    dispatch("chat:a", at("e1", 3));
    table.unsubscribe("chat:a", a);
    assertThat(table.channelCount()).isZero();

    Inbox b = new Inbox();
    subscribe("chat:a", b);

    assertThat(b.texts()).containsExactly("subscribed@" + at("e1", 3));
    assertThat(dispatch("chat:a", at("e1", 3))).as("an old position is still a duplicate").isEqualTo(ChannelTable.DUPLICATE);
    assertThat(dispatch("chat:a", at("e1", 4))).isEqualTo(1);
  }

  @Test
  void positionsOfChannelsNobodyHereSubscribesToAreRemembered() {
    assertThat(dispatch("quiet", at("e1", 7))).isZero();
    assertThat(table.channelCount()).as("no state for them").isZero();

    Inbox late = new Inbox();
    subscribe("quiet", late);
    assertThat(late.texts()).containsExactly("subscribed@" + at("e1", 7));
    RecoveryBuffer recovering = table.beginRecovery("quiet2", new Inbox(), 10);
    assertThat(recovering.liveAtStart()).isEqualTo(Positions.NONE);
    dispatch("quiet3", at("e9", 2));
    assertThat(table.beginRecovery("quiet3", new Inbox(), 10).liveAtStart().of("a")).isEqualTo(at("e9", 2));
  }

  @Test
  void eachOriginCloudIsItsOwnStreamForDuplicates() {
    Inbox inbox = new Inbox();
    subscribe("chat:a", inbox);
    assertThat(table.dispatch("chat:a", "a", at("ea", 5), () -> bytes("a5"), 0)).isEqualTo(1);
    assertThat(table.dispatch("chat:a", "b", at("eb", 2), () -> bytes("b2"), 0))
        .as("another cloud's lower seq is not a duplicate").isEqualTo(1);
    assertThat(table.dispatch("chat:a", "a", at("ea", 5), () -> bytes("a5 again"), 0)).isEqualTo(ChannelTable.DUPLICATE);
    assertThat(table.dispatch("chat:a", "b", at("eb", 2), () -> bytes("b2 mirrored twice"), 0)).isEqualTo(ChannelTable.DUPLICATE);
    assertThat(table.dispatch("chat:a", "a", at("ea", 6), () -> bytes("a6"), 0)).isEqualTo(1);

    assertThat(inbox.texts()).containsExactly("subscribed@null", "a5", "b2", "a6");
    Positions p = table.positions("chat:a");
    assertThat(p.byOrigin()).containsOnly(Map.entry("a", at("ea", 6)), Map.entry("b", at("eb", 2)));
    assertThat(p.latestOrigin()).isEqualTo("a");
    assertThat(p.originOfEpoch("eb")).isEqualTo("b");
  }

  @Test
  void channelsWithoutSubscribersDropDuplicatesPerOriginToo() {
    assertThat(table.dispatch("quiet", "a", at("ea", 3), () -> bytes("x"), 0)).isZero();
    assertThat(table.dispatch("quiet", "b", at("eb", 1), () -> bytes("x"), 0)).isZero();
    assertThat(table.dispatch("quiet", "a", at("ea", 3), () -> bytes("x"), 0)).isEqualTo(ChannelTable.DUPLICATE);

    assertThat(table.positions("quiet").byOrigin()).containsOnly(Map.entry("a", at("ea", 3)), Map.entry("b", at("eb", 1)));
    assertThat(table.positions("quiet").latestOrigin()).isEqualTo("b");
  }
}

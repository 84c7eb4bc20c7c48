package io.syncfabric.frontend.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelHistoryTest {
  static HistoryEntry entry(long seq, long at) {
    return new HistoryEntry(seq, at, ("m" + seq).getBytes());
  }

  @Test
  void keepsAContiguousRunBoundedByCount() {
    ChannelHistory h = new ChannelHistory();
    for (int seq = 1; seq <= 10; seq++) {
      assertThat(h.append("e1", entry(seq, 100), 4, 0)).isTrue();
    }
    HistorySlice s = h.slice();
    assertThat(s.firstSeq()).isEqualTo(7);
    assertThat(s.lastSeq()).isEqualTo(10);
    assertThat(s.covers("e1", 6)).isTrue();
    assertThat(s.covers("e1", 5)).as("seq 6 was dropped").isFalse();
    assertThat(s.after(8, 10)).extracting(HistoryEntry::seq).containsExactly(9L, 10L);
  }

  @Test
  void dropsEntriesOlderThanTheTtl() {
    ChannelHistory h = new ChannelHistory();
    h.append("e1", entry(1, 100), 10, 0);
    h.append("e1", entry(2, 200), 10, 0);
    h.append("e1", entry(3, 300), 10, 150);
    assertThat(h.slice().firstSeq()).isEqualTo(2);
  }

  @Test
  void ignoresAnAlreadyStoredSeq() {
    ChannelHistory h = new ChannelHistory();
    h.append("e1", entry(1, 1), 10, 0);
    h.append("e1", entry(2, 1), 10, 0);
    assertThat(h.append("e1", entry(2, 1), 10, 0)).isFalse();
    assertThat(h.append("e1", entry(1, 1), 10, 0)).isFalse();
    assertThat(h.slice().entries()).hasSize(2);
  }

  @Test
  void aMissedSeqRestartsTheRunSoReadersNeverSeeAHole() {
    ChannelHistory h = new ChannelHistory();
    h.append("e1", entry(1, 1), 10, 0);
    h.append("e1", entry(2, 1), 10, 0);
    h.append("e1", entry(5, 1), 10, 0);
    HistorySlice s = h.slice();
    assertThat(s.firstSeq()).isEqualTo(5);
    assertThat(s.covers("e1", 2)).isFalse();
    assertThat(s.covers("e1", 4)).isTrue();
  }

  @Test
  void aNewEpochReplacesTheOld() {
    ChannelHistory h = new ChannelHistory();
    h.append("e1", entry(7, 1), 10, 0);
    h.append("e2", entry(1, 1), 10, 0);
    HistorySlice s = h.slice();
    assertThat(s.epoch()).isEqualTo("e2");
    assertThat(s.covers("e1", 6)).isFalse();
    assertThat(s.covers("e2", 0)).isTrue();
  }

  @Test
  void anEmptyHistoryCoversNothing() {
    assertThat(new ChannelHistory().slice().covers("e1", 0)).isFalse();
  }
}

package io.syncfabric.frontend.history;

import java.util.List;

/**
 * What the hot history holds for a channel: its epoch, the contiguous range {@code firstSeq..lastSeq}
 * (both 0 when empty) and the entries asked for.
 */
public record HistorySlice(String epoch, long firstSeq, long lastSeq, List<HistoryEntry> entries) {
  public static final HistorySlice EMPTY = new HistorySlice("", 0, 0, List.of());

  public boolean isEmpty() {
    return lastSeq == 0;
  }

  /** True when every message after {@code afterSeq} of {@code epoch} is in this history. */
  public boolean covers(String sinceEpoch, long afterSeq) {
    return !isEmpty() && epoch.equals(sinceEpoch) && afterSeq + 1 >= firstSeq;
  }

  /** The entries with seq above {@code afterSeq}, at most {@code limit}. */
  public List<HistoryEntry> after(long afterSeq, int limit) {
    return entries.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
  }
}

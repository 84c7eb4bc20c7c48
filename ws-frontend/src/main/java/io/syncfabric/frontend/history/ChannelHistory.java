package io.syncfabric.frontend.history;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's bounded history: the last {@code maxEntries} messages of one epoch, none older than
 * the TTL, always a contiguous run of seqs. Appends are idempotent (an already stored seq is
 * ignored) so several writers, or a retried write, never duplicate; a gap (a write that never
 * arrived) restarts the run, so a reader can trust that everything from {@code firstSeq} is here.
 */
public final class ChannelHistory implements DataSerializable {
  private String epoch = "";
  private ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();

  /** Adds {@code entry}; returns false when it was already there. */
  public boolean append(String entryEpoch, HistoryEntry entry, int maxEntries, long minStoredAt) {
    if (!entryEpoch.equals(epoch)) {
      epoch = entryEpoch;
      entries.clear();
    } else if (!entries.isEmpty()) {
      long last = entries.peekLast().seq();
      if (entry.seq() <= last) {
        return false;
      }
      if (entry.seq() != last + 1) {
        entries.clear(); // a missed write: what we hold no longer leads up to this seq
      }
    }
    entries.addLast(entry);
    while (!entries.isEmpty() && (entries.size() > maxEntries || entries.peekFirst().storedAt() < minStoredAt)) {
      entries.pollFirst();
    }
    return true;
  }

  /** When the newest entry was stored (0 when empty). */
  public long newestStoredAt() {
    return entries.isEmpty() ? 0 : entries.peekLast().storedAt();
  }

  /** An independent copy (entries share their immutable frames). */
  public ChannelHistory copy() {
    ChannelHistory c = new ChannelHistory();
    c.epoch = epoch;
    c.entries = new ArrayDeque<>(entries);
    return c;
  }

  public HistorySlice slice() {
    if (entries.isEmpty()) {
      return HistorySlice.EMPTY;
    }
    return new HistorySlice(epoch, entries.peekFirst().seq(), entries.peekLast().seq(), List.copyOf(entries));
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeInt(entries.size());
    for (HistoryEntry e : entries) {
      out.writeLong(e.seq());
      out.writeLong(e.storedAt());
      out.writeByteArray(e.frame());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    int n = in.readInt();
    List<HistoryEntry> read = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      read.add(new HistoryEntry(in.readLong(), in.readLong(), in.readByteArray()));
    }
    entries = new ArrayDeque<>(read);
  }
}

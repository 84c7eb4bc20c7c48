package io.syncfabric.frontend.history;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/** Appends one entry to a channel's history where the entry lives (and the same on its backup). */
public final class AppendProcessor implements EntryProcessor<String, ChannelHistory, Boolean>, DataSerializable {
  private String epoch;
  private long seq;
  private long storedAt;
  private byte[] frame;
  private int maxEntries;
  private long minStoredAt;

  public AppendProcessor() {
    // for deserialization
  }

  AppendProcessor(String epoch, HistoryEntry entry, int maxEntries, long minStoredAt) {
    this.epoch = epoch;
    this.seq = entry.seq();
    this.storedAt = entry.storedAt();
    this.frame = entry.frame();
    this.maxEntries = maxEntries;
    this.minStoredAt = minStoredAt;
  }

  @Override
  public Boolean process(Map.Entry<String, ChannelHistory> entry) {
    ChannelHistory history = entry.getValue() == null ? new ChannelHistory() : entry.getValue();
    boolean added = history.append(epoch, new HistoryEntry(seq, storedAt, frame), maxEntries, minStoredAt);
    if (added) {
      entry.setValue(history); // in OBJECT format this stores the same instance and marks it dirty
    }
    return added;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(epoch);
    out.writeLong(seq);
    out.writeLong(storedAt);
    out.writeByteArray(frame);
    out.writeInt(maxEntries);
    out.writeLong(minStoredAt);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readString();
    seq = in.readLong();
    storedAt = in.readLong();
    frame = in.readByteArray();
    maxEntries = in.readInt();
    minStoredAt = in.readLong();
  }
}

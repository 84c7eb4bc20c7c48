package io.syncfabric.frontend.history;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.util.Map;

/** Reads a channel's history where it lives, in one round trip. */
public final class ReadProcessor implements EntryProcessor<String, ChannelHistory, ChannelHistory>, DataSerializable,
    com.hazelcast.core.ReadOnly {

  @Override
  public ChannelHistory process(Map.Entry<String, ChannelHistory> entry) {
    // a copy: a local caller must not share the instance the partition thread keeps appending to
    return entry.getValue() == null ? new ChannelHistory() : entry.getValue().copy();
  }

  @Override
  public EntryProcessor<String, ChannelHistory, ChannelHistory> getBackupProcessor() {
    return null; // read-only: nothing to do on backups
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // no state
  }

  @Override
  public void readData(ObjectDataInput in) {
    // no state
  }
}

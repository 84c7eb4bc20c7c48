package io.syncfabric.tests.support;

import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.FailoverListener;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link FailoverListener} that only records, in order, the node of every connection the client made. */
public final class ConnectedNodes implements FailoverListener {
  private final List<String> nodes = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(FabricMessage message) {}

  @Override
  public void onConnected(String node, URI url, String sessionId) {
    nodes.add(node);
  }

  /** Every node connected to so far, oldest first (a live view). */
  public List<String> nodes() {
    return nodes;
  }
}

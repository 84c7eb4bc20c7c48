package io.syncfabric.tests.support;

import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real {@link FabricClient} that records every message it receives, per channel, in arrival order. */
public final class RecordingClient implements AutoCloseable {
  private final Map<String, List<FabricMessage>> byChannel = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private volatile String closed = "open";
  private final FabricClient client;

  private RecordingClient(URI url, String token) throws Exception {
    this.client = FabricClient.connect(url, token, new FabricListener() {
      @Override
      public void onMessage(FabricMessage m) {
        // one WebSocket thread per client delivers in order; the list is only read after the fact
        byChannel.computeIfAbsent(m.channel(), c -> java.util.Collections.synchronizedList(new ArrayList<>())).add(m);
        total.incrementAndGet();
      }

      @Override
      public void onClose(int code, String reason) {
        closed = code + " " + reason;
      }
    }).get(15, TimeUnit.SECONDS);
  }

  public static RecordingClient connect(String url, String token) throws Exception {
    return new RecordingClient(URI.create(url), token);
  }

  public FabricClient client() {
    return client;
  }

  public void subscribe(String channel) throws Exception {
    client.subscribe(channel).get(15, TimeUnit.SECONDS);
  }

  /** "open", or the close code and reason once the connection ended. */
  public String closeState() {
    return closed;
  }

  public int total() {
    return total.get();
  }

  public List<FabricMessage> messages(String channel) {
    List<FabricMessage> list = byChannel.get(channel);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

package io.syncfabric.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricException;
import io.syncfabric.client.FabricListener;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.client.Subscribed;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A terminal client: prints every message of the given channels as one JSON line. */
@Command(name = "subscribe", mixinStandardHelpOptions = true, description = "Subscribe to channels and print messages.")
final class SubscribeCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "1..*", description = "Channels.")
  List<String> channels;

  @Option(names = "--url", defaultValue = LabDefaults.WS_URL, description = "Frontend WebSocket URL. Default: ${DEFAULT-VALUE}.")
  URI url;

  @Option(names = "--token", description = "Connection token (default: a lab token for these channels).")
  String token;

  @Option(names = "--since", description = "Resume after EPOCH:SEQ (as printed by an earlier subscribe); one channel only.")
  String since;

  @Option(names = "--count", defaultValue = "0", description = "Exit after this many messages (0: run until Ctrl-C).")
  long count;

  @Option(names = "--timeout", defaultValue = "0", description = "Exit after this many seconds (0: no limit).")
  long timeoutSeconds;

  private String sinceEpoch() {
    int colon = since.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--since must be EPOCH:SEQ");
    }
    return since.substring(0, colon);
  }

  private long sinceSeq() {
    try {
      return Long.parseLong(since.substring(since.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--since must be EPOCH:SEQ");
    }
  }

  @Override
  public void run() {
    String t = token != null ? token : TokenCommand.mint(null, "cli", channels, 86_400);
    AtomicLong received = new AtomicLong();
    long[] subscribedAt = {0};
    CountDownLatch done = new CountDownLatch(1);
    FabricListener listener = new FabricListener() {
      @Override
      public void onMessage(FabricMessage m) {
        var line = JSON.createObjectNode().put("channel", m.channel()).put("epoch", m.epoch()).put("seq", m.seq())
            .put("ts", m.ts()).put("origin", m.origin())
            .put("lagMs", System.currentTimeMillis() - m.ts()); // publish -> this terminal, same-host clocks only
        line.set("data", m.data());
        System.out.println(line);
        if (count > 0 && received.incrementAndGet() >= count) {
          done.countDown();
        }
      }

      @Override
      public void onError(FabricException error) {
        System.err.println("server error: " + error.getMessage());
      }

      @Override
      public void onClose(int code, String reason) {
        System.err.println("connection closed: " + code + " " + reason);
        done.countDown();
      }
    };
    FabricClient client = FabricClient.connect(url, t, listener).orTimeout(15, TimeUnit.SECONDS).join();
    if (since != null && channels.size() != 1) {
      throw new IllegalArgumentException("--since needs exactly one channel");
    }
    for (String channel : channels) {
      long started = System.nanoTime();
      subscribedAt[0] = started;
      Subscribed s = since == null
          ? client.subscribe(channel).orTimeout(15, TimeUnit.SECONDS).join()
          : client.subscribe(channel, sinceEpoch(), sinceSeq(), 0).orTimeout(60, TimeUnit.SECONDS).join();
      System.err.printf("subscribed to %s at epoch '%s' seq %d%s (%.1f ms)%n", s.channel(), s.epoch(), s.seq(),
          since == null ? "" : s.recovered() ? ", recovered: missed messages follow" : ", NOT recovered: resync",
          (System.nanoTime() - started) / 1e6);
    }
    try {
      if (timeoutSeconds > 0) {
        done.await(timeoutSeconds, TimeUnit.SECONDS);
      } else {
        done.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (count > 0 && received.get() >= count) {
      System.err.printf("received %d messages %.1f ms after subscribing%n", received.get(),
          (System.nanoTime() - subscribedAt[0]) / 1e6);
    }
    client.close();
  }
}

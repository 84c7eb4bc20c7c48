package io.syncfabric.cli;

import io.syncfabric.bridge.publish.Publisher;
import io.syncfabric.bridge.publish.PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Publishes through Kafka, as a backend would: {@code ./fabric publish chat:lobby '{"text":"hi"}'}. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish a message to a channel through Kafka (the ingress topic).")
final class PublishCommand implements Runnable {
  @Parameters(index = "0", description = "Channel.")
  String channel;

  @Parameters(index = "1", description = "Payload: JSON is delivered as JSON, anything else as text.")
  String payload;

  @Option(names = "--bootstrap", defaultValue = LabDefaults.KAFKA, description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
  String bootstrap;

  @Option(names = "--topic", defaultValue = "fabric.ingress", description = "Ingress topic. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--count", defaultValue = "1", description = "Publish the payload this many times ({n} in it becomes 1, 2, ...).")
  int count;

  @Option(names = "--rate", defaultValue = "0", description = "Messages per second when --count > 1 (0: as fast as possible).")
  int rate;

  /** Sleeps until message {@code index} is due at {@code rate} per second. */
  private void pace(long start, int index) {
    long due = start + index * 1_000_000_000L / rate;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void run() {
    if (count < 1 || count > 10_000_000) {
      throw new IllegalArgumentException("--count must be 1..10000000");
    }
    try (Publisher publisher = Publisher.builder().bootstrapServers(bootstrap).topic(topic).build()) {
      List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 1; i <= count; i++) {
        if (rate > 0) {
          pace(start, i - 1);
        }
        byte[] body = payload.replace("{n}", Integer.toString(i)).getBytes(StandardCharsets.UTF_8);
        sent.add(publisher.publish(channel, body));
      }
      PublishResult last = null;
      for (CompletableFuture<PublishResult> f : sent) {
        last = f.join();
      }
      System.out.printf("published %d to %s (last at %s-%d@%d)%n", count, channel, last.topic(), last.partition(), last.offset());
    }
  }
}

package io.syncfabric.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The channels a {@link FailoverClient} wants (with their presence flag, in subscribe order), and
 * the subscribe calls waiting for a connection to be answered on.
 */
final class WantedChannels {
  private final Map<String, Boolean> wanted = new LinkedHashMap<>();
  private final Map<String, List<CompletableFuture<Subscribed>>> waiting = new LinkedHashMap<>();

  synchronized void want(String channel, boolean presence) {
    wanted.put(channel, presence);
  }

  synchronized void remove(String channel) {
    wanted.remove(channel);
  }

  /** A reply to come once a connection subscribes the channel. */
  synchronized CompletableFuture<Subscribed> later(String channel) {
    CompletableFuture<Subscribed> reply = new CompletableFuture<>();
    waiting.computeIfAbsent(channel, k -> new ArrayList<>()).add(reply);
    return reply;
  }

  /**
   * Subscribes every wanted channel with {@code subscribe(channel, presence)}, answering the calls
   * waiting for those channels with the replies; returns the replies.
   */
  List<CompletableFuture<Subscribed>> subscribeAll(BiFunction<String, Boolean, CompletableFuture<Subscribed>> subscribe) {
    Map<String, Boolean> channels;
    Map<String, List<CompletableFuture<Subscribed>>> answered = new LinkedHashMap<>();
    synchronized (this) {
      channels = new LinkedHashMap<>(wanted);
      channels.keySet().forEach(c -> {
        List<CompletableFuture<Subscribed>> w = waiting.remove(c);
        if (w != null) {
          answered.put(c, w);
        }
      });
    }
    List<CompletableFuture<Subscribed>> replies = new ArrayList<>();
    channels.forEach((channel, presence) -> {
      CompletableFuture<Subscribed> reply = subscribe.apply(channel, presence);
      answered.getOrDefault(channel, List.of()).forEach(f -> forward(reply, f));
      replies.add(reply);
    });
    return replies;
  }

  /** Subscribes the channels asked for after {@link #subscribeAll} took its snapshot. */
  void subscribeWaiting(BiFunction<String, Boolean, CompletableFuture<Subscribed>> subscribe) {
    Map<String, List<CompletableFuture<Subscribed>>> left;
    Map<String, Boolean> channels;
    synchronized (this) {
      left = new LinkedHashMap<>(waiting);
      waiting.clear();
      channels = new LinkedHashMap<>(wanted);
    }
    left.forEach((channel, futures) -> {
      CompletableFuture<Subscribed> reply = channels.containsKey(channel)
          ? subscribe.apply(channel, channels.get(channel))
          : CompletableFuture.failedFuture(new IllegalStateException("unsubscribed meanwhile"));
      futures.forEach(f -> forward(reply, f));
    });
  }

  private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
    from.whenComplete((r, e) -> {
      if (e != null) {
        to.completeExceptionally(e);
      } else {
        to.complete(r);
      }
    });
  }
}

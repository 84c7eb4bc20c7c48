package io.syncfabric.frontend.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last recoveries and errors of this frontend, for the live dashboard. Bounded: a flood of
 * errors keeps only the newest.
 */
public final class RecentEvents {
  /** One event; {@code id} grows by one per event, so readers can ask for what is new. */
  public record Event(long id, long ts, String node, String kind, String detail) {}

  private final String node;
  private final int capacity;
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private long nextId = 1;

  public RecentEvents(String node, int capacity) {
    this.node = node;
    this.capacity = capacity;
  }

  public synchronized void add(String kind, String detail) {
    if (events.size() == capacity) {
      events.pollFirst();
    }
    events.addLast(new Event(nextId++, System.currentTimeMillis(), node, kind, detail));
  }

  /** Events with an id above {@code afterId}, oldest first, at most {@code max} (the newest ones). */
  public synchronized List<Event> after(long afterId, int max) {
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (e.id() > afterId) {
        out.add(e);
      }
    }
    return out.size() <= max ? out : out.subList(out.size() - max, out.size());
  }

  public synchronized long lastId() {
    return nextId - 1;
  }
}

package io.syncfabric.frontend.presence;

import java.util.function.Consumer;

/** Carries join and leave events to every frontend of the cloud (this one included). */
public interface PresenceBus extends AutoCloseable {
  void publish(PresenceEvent event);

  void listen(Consumer<PresenceEvent> listener);

  @Override
  default void close() {}

  /** Events stay in this process. */
  static PresenceBus local() {
    return new PresenceBus() {
      private final java.util.List<Consumer<PresenceEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

      @Override
      public void publish(PresenceEvent event) {
        listeners.forEach(l -> l.accept(event));
      }

      @Override
      public void listen(Consumer<PresenceEvent> listener) {
        listeners.add(listener);
      }
    };
  }
}

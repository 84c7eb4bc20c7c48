package io.syncfabric.frontend.presence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Join and leave events on a Hazelcast topic: every frontend of the cloud hears each one once. */
public final class HazelcastPresenceBus implements PresenceBus {
  private static final Logger log = LoggerFactory.getLogger(HazelcastPresenceBus.class);
  public static final String TOPIC = "fabric.presence.events";

  private final ITopic<String> topic;

  public HazelcastPresenceBus(HazelcastInstance hazelcast) {
    this.topic = hazelcast.getTopic(TOPIC);
  }

  @Override
  public void publish(PresenceEvent event) {
    topic.publishAsync(event.toJson()).whenComplete((v, e) -> {
      if (e != null) {
        log.debug("presence event not published: {}", e.toString());
      }
    });
  }

  @Override
  public void listen(Consumer<PresenceEvent> listener) {
    topic.addMessageListener(m -> {
      try {
        listener.accept(PresenceEvent.fromJson(m.getMessageObject()));
      } catch (RuntimeException e) {
        log.warn("presence: dropped an unreadable event", e);
      }
    });
  }
}

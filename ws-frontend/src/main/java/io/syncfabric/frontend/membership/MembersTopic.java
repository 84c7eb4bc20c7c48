package io.syncfabric.frontend.membership;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates this cloud's members topic when it is missing: compacted (the latest announcement per node
 * is all that matters, a tombstone removes a node), one partition (a few records per frontend every
 * few seconds; MirrorMaker 2 copies it as is). Every frontend may try; the first one wins.
 */
final class MembersTopic {
  private final Admin admin;
  private final String name;
  private final long timeoutMs;

  MembersTopic(Admin admin, String name, long timeoutMs) {
    this.admin = admin;
    this.name = name;
    this.timeoutMs = timeoutMs;
  }

  /** Creates the topic unless it exists; throws {@link IllegalStateException} when Kafka did not answer. */
  void ensure() {
    NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + timeoutMs + " ms creating topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }
}

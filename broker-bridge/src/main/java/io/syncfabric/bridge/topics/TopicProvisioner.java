package io.syncfabric.bridge.topics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the fabric's topics when they are missing and reports partition counts of existing ones. */
public final class TopicProvisioner {
  private final Admin admin;
  private final long timeoutMs;

  public TopicProvisioner(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  /** Creates {@code name} with {@code partitions} (broker-default replication) if absent; returns its partition count. */
  public int ensure(String name, int partitions, Map<String, String> configs) {
    try {
      NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
      admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + timeoutMs + " ms creating topic " + name, e);
    }
    return partitionCount(name);
  }

  /** Partition count of {@code name}; waits (up to the timeout) for a just-created topic's metadata to spread. */
  public int partitionCount(String name) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      try {
        TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
            .get(timeoutMs, TimeUnit.MILLISECONDS).get(name);
        return d.partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause().getMessage(), e);
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("Kafka did not answer within " + timeoutMs + " ms describing topic " + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing topic " + name, e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing topic " + name, e);
      }
    }
  }
}

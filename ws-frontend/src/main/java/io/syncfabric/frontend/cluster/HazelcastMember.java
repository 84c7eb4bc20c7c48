package io.syncfabric.frontend.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.syncfabric.frontend.history.HazelcastHistoryStore;
import io.syncfabric.frontend.pool.HazelcastUserConnections;
import io.syncfabric.frontend.presence.HazelcastPresenceStore;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This frontend's embedded Hazelcast member: one cluster per cloud, TCP-IP or Kubernetes
 * discovery, never multicast, no phone-home. Starting may fail (port taken, bad config): the
 * frontend then serves without it and says so.
 */
public final class HazelcastMember implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HazelcastMember.class);

  private final HazelcastInstance instance;

  private HazelcastMember(HazelcastInstance instance) {
    this.instance = instance;
  }

  /** Starts a member; throws when Hazelcast cannot start at all. */
  public static HazelcastMember start(ClusterSettings settings, String instanceName, int historyTtlSeconds) {
    // before the first Hazelcast class logs: route everything through slf4j, not java.util.logging
    System.setProperty("hazelcast.logging.type", "slf4j");
    HazelcastCallbackThreads.install();
    Config config = new Config();
    config.setInstanceName(instanceName);
    config.setClusterName(settings.clusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // the frontend stops it in order
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(settings.failureDetectionSeconds()));
    config.setProperty("hazelcast.wait.seconds.before.join", "0"); // a joining frontend is let in at once (cold start)
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (settings.discovery().equals("kubernetes")) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", settings.kubernetesServiceDns());
    } else {
      join.getTcpIpConfig().setEnabled(true).setMembers(settings.members()).setConnectionTimeoutSeconds(2);
    }
    config.addMapConfig(new MapConfig(HazelcastHistoryStore.MAP)
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(1)
        .setTimeToLiveSeconds(historyTtlSeconds));
    for (String map : new String[] {HazelcastPresenceStore.MAP, HazelcastUserConnections.MAP}) {
      // object format: an entry processor changes the set in place instead of re-serializing it
      config.addMapConfig(new MapConfig(map).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1));
    }
    HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
    log.info("hazelcast member {} joined cluster {} ({} members)", instanceName, settings.clusterName(),
        instance.getCluster().getMembers().size());
    return new HazelcastMember(instance);
  }

  public HazelcastInstance instance() {
    return instance;
  }

  /** This member's uuid, as other members see it. */
  public String uuid() {
    return instance.getCluster().getLocalMember().getUuid().toString();
  }

  /** Calls {@code listener} with the uuid of every member that leaves the cluster (crash or stop). */
  public void onMemberLeft(Consumer<String> listener) {
    instance.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        listener.accept(event.getMember().getUuid().toString());
      }
    });
  }

  /** Members this one currently sees (0 once it stopped). */
  public int memberCount() {
    try {
      return instance.getLifecycleService().isRunning() ? instance.getCluster().getMembers().size() : 0;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Leaves the cluster gracefully (partitions handed over first). */
  @Override
  public void close() {
    instance.shutdown();
  }

  /** Drops out at once, as a crash would: no hand-over, its backups take over. */
  public void terminate() {
    instance.getLifecycleService().terminate();
  }
}

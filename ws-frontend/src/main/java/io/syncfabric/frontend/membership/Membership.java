package io.syncfabric.frontend.membership;

import io.syncfabric.config.KafkaClientSecurity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncfabric.frontend.pool.LiveMember;
import io.syncfabric.frontend.pool.MemberState;
import io.syncfabric.frontend.pool.PoolMember;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Cross-cloud membership of one frontend: it announces its pool entry on its cloud's members topic
 * ({@link Announcer}) and reads the announcements other clouds' frontends make, mirrored by
 * MirrorMaker 2 ({@link MembersReader}), into {@link RemoteMembers}; {@link OriginLinks} tells how
 * fresh each cloud's replication is. The frontends of our own cloud are the Hazelcast pool's
 * business, not this class's.
 */
public final class Membership implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_TICK_MS = 250;

  private final String node;
  private final RemoteMembers view;
  private final OriginLinks links;
  private final Admin admin;
  private final Announcer announcer;
  private final MembersReader reader;
  private final ScheduledExecutorService announcing;
  private final long tickMs;
  private Thread readerThread;
  private boolean stopped;

  /**
   * @param self this frontend's current pool entry (read from the announcing thread)
   */
  public Membership(MembershipSettings settings, String cloud, String node, String bootstrap, KafkaClientSecurity security,
      Supplier<PoolMember> self, MeterRegistry registry) {
    this.node = node;
    this.view = new RemoteMembers(cloud, settings.ttlMs(), System::currentTimeMillis);
    this.links = new OriginLinks(System::currentTimeMillis);
    MembershipMetrics metrics = new MembershipMetrics(registry, () -> servingRemote().size());
    this.admin = Admin.create(security.applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000)));
    MembersTopic topic = new MembersTopic(admin, settings.topic(), 5_000);
    this.announcer = new Announcer(new KafkaProducer<>(security.applyTo(producerConfig(bootstrap, node)), new StringSerializer(),
        new ByteArraySerializer()), settings.topic(), topic::ensure, self, settings.announceMs(),
        System::currentTimeMillis, metrics);
    this.reader = new MembersReader(new KafkaConsumer<>(security.applyTo(consumerConfig(bootstrap, node)), new StringDeserializer(),
        new ByteArrayDeserializer()), new MembersTopics(settings.topic(), cloud), view, links, metrics,
        settings.topicsRefreshMs(), System::currentTimeMillis);
    this.tickMs = Math.min(MAX_TICK_MS, settings.announceMs());
    this.announcing = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "members-announce-" + node);
      t.setDaemon(true);
      return t;
    });
  }

  public synchronized Membership start() {
    announcing.scheduleWithFixedDelay(announcer::tick, 0, tickMs, TimeUnit.MILLISECONDS);
    readerThread = new Thread(reader, "members-read-" + node);
    readerThread.setDaemon(true);
    readerThread.start();
    return this;
  }

  /** Frontends of other clouds announced within the TTL, in any state. */
  public List<LiveMember> remote() {
    return view.live();
  }

  public long ttlMs() {
    return view.ttlMs();
  }

  /** Receive time minus record time of the last announcement mirrored from {@code cloud}, once one arrived. */
  public java.util.OptionalLong lagMs(String cloud) {
    OriginLinks.Link l = links.all().get(cloud);
    return l == null || l.lagMs() < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(l.lagMs());
  }

  /**
   * Per other cloud: {@code frontends} (serving ones listed), {@code lagMs} (of the last mirrored
   * announcement; null before one arrived) and {@code ageMs} (since the last one arrived).
   */
  public ObjectNode cloudsJson() {
    Map<String, Integer> serving = view.servingPerCloud();
    Map<String, OriginLinks.Link> all = links.all();
    Set<String> clouds = new TreeSet<>(serving.keySet());
    clouds.addAll(all.keySet());
    ObjectNode result = JSON.createObjectNode();
    for (String c : clouds) {
      ObjectNode o = result.putObject(c).put("frontends", serving.getOrDefault(c, 0));
      OriginLinks.Link l = all.get(c);
      if (l == null || l.lagMs() < 0) {
        o.putNull("lagMs");
      } else {
        o.put("lagMs", l.lagMs());
      }
      if (l == null) {
        o.putNull("ageMs");
      } else {
        o.put("ageMs", l.ageMs());
      }
    }
    return result;
  }

  /** Clean stop: a last {@code stopped} announcement and a tombstone, then everything closes. */
  @Override
  public void close() {
    stop(true);
  }

  /** Stops as a crash would: no goodbye, other clouds let the entry expire. */
  public void halt() {
    stop(false);
  }

  private List<LiveMember> servingRemote() {
    return view.live().stream().filter(l -> l.member().state() == MemberState.SERVING).toList();
  }

  private synchronized void stop(boolean goodbye) {
    if (stopped) {
      return; // a halted frontend is closed again by whoever owns it
    }
    stopped = true;
    announcing.shutdownNow();
    try {
      announcing.awaitTermination(6, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    announcer.close(goodbye, Duration.ofSeconds(goodbye ? 3 : 0));
    reader.close();
    if (readerThread != null) {
      try {
        readerThread.join(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    admin.close(Duration.ofSeconds(1));
  }

  private static Map<String, Object> producerConfig(String bootstrap, String node) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, node + "-members",
        ProducerConfig.LINGER_MS_CONFIG, 0,
        // bounded: a send waiting for metadata must not hold the announcing thread for a minute
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
  }

  private static Map<String, Object> consumerConfig(String bootstrap, String node) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, node + "-members",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // only topics that exist are read; a metadata request must never create one with broker defaults
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
  }
}

package io.syncfabric.cli.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in a child JVM, started from
 * the Kafka jars on this process's classpath the way Kafka's own scripts do: format the storage
 * once, then run {@code kafka.Kafka server.properties}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private final Path dir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private int remotePort;
  private int remoteAdvertisedPort;
  private Process process;

  public KafkaBrokerProcess(Path dir, String host, int port, int controllerPort) {
    this.dir = dir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrap() {
    return host + ":" + port;
  }

  /**
   * Adds a second listener for other clouds (MirrorMaker 2), bound on {@code port} and advertised as
   * {@code advertisedPort}: a relay on that port then carries all their traffic, so a drill or a
   * test can cut the link between clouds without touching the cloud's own clients.
   */
  public KafkaBrokerProcess withRemoteListener(int port, int advertisedPort) {
    this.remotePort = port;
    this.remoteAdvertisedPort = advertisedPort;
    return this;
  }

  /** Where other clouds reach this broker ({@link #bootstrap()} when it has no remote listener). */
  public String remoteBootstrap() {
    return remotePort == 0 ? bootstrap() : host + ":" + remoteAdvertisedPort;
  }

  public Path logFile() {
    return dir.resolve("kafka.log");
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Formats (first time only), starts the broker and waits until it answers, at most {@code timeout}. */
  public KafkaBrokerProcess start(Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path props = dir.resolve("server.properties");
    Files.writeString(props, serverProperties());
    Path logs = dir.resolve("data");
    if (!Files.exists(logs.resolve("meta.properties"))) {
      Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool",
          "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", props.toString()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
          .start();
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        throw new IllegalStateException("formatting Kafka storage failed; see " + logFile());
      }
    }
    process = new ProcessBuilder(javaCommand(BrokerMain.class.getName(), props.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .start(); // stdin stays a pipe to us: BrokerMain exits when it closes
    waitUntilReady(timeout);
    return this;
  }

  private void waitUntilReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka exited with " + process.exitValue() + " during start; see " + logFile());
      }
      if (portOpen() && clusterAnswers()) {
        return;
      }
      Thread.sleep(200);
    }
    close();
    throw new IllegalStateException("Kafka not ready after " + timeout.toSeconds() + " s; see " + logFile());
  }

  private boolean portOpen() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean clusterAnswers() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  /** Kills the broker at once (SIGKILL), as a lost machine would; its data stays for the next start. */
  public void kill() {
    if (process != null && process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the broker: closes its standard input, which {@link BrokerMain} takes as the signal for a
   * clean shutdown (it outlives a SIGTERM by a grace period, for the lab to stop first), then
   * SIGKILL after 15 s.
   */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy(); // no pipe to close: the signal starts the grace period
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private List<String> javaCommand(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
        "-Dlog4j2.configurationFile=" + writeLogConfig(),
        "-cp", System.getProperty("java.class.path"),
        mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private String writeLogConfig() {
    Path file = dir.resolve("log4j2-broker.xml");
    try {
      Files.writeString(file, """
          <Configuration status="WARN">
            <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="%d %p %c{1} %m%n"/></Console></Appenders>
            <Loggers><Root level="WARN"><AppenderRef ref="out"/></Root></Loggers>
          </Configuration>
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toString();
  }

  private String serverProperties() {
    return String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=" + host + ":" + controllerPort,
        "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort
            + (remotePort == 0 ? "" : ",REMOTE://" + host + ":" + remotePort),
        "advertised.listeners=PLAINTEXT://" + host + ":" + port
            + (remotePort == 0 ? "" : ",REMOTE://" + host + ":" + remoteAdvertisedPort),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,REMOTE:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=6",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "") ;
  }
}

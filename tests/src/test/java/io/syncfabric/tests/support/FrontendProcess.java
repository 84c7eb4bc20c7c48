package io.syncfabric.tests.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./fabric frontend} as a process of its own (the test JVM's classpath), for what only a real
 * process shows: SIGTERM handling, and {@code kill -9} (no close frames, no Hazelcast goodbye, the
 * kernel resetting every socket).
 */
public final class FrontendProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String node;

  private FrontendProcess(Process process, int port, String node) {
    this.process = process;
    this.port = port;
    this.node = node;
  }

  /** Starts a frontend with {@code settings} (http.port is chosen here); its output goes to target/{@code node}.log. */
  public static FrontendProcess start(Map<String, String> settings, String node) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> all = new HashMap<>(settings);
    all.put("http.port", Integer.toString(port));
    all.put("node.id", node);
    List<String> command = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx256m",
        "-Dlog4j.configurationFile=" + System.getProperty("log4j.configurationFile", ""),
        "-cp", System.getProperty("java.class.path"), "io.syncfabric.cli.FabricCommand", "frontend"));
    all.forEach((k, v) -> {
      command.add("--set");
      command.add(k + "=" + v);
    });
    // Not inheritIO: the child's lines on the test JVM's stdout would corrupt failsafe's event channel.
    File log = new File("target/" + node + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    return new FrontendProcess(process, port, node);
  }

  public String node() {
    return node;
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port + "/v1/ws";
  }

  public Process process() {
    return process;
  }

  /** Waits until {@code /health/ready} answers 200; false when the process died or the time ran out. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** SIGKILL: the process ends at once, as a crash or {@code kill -9} would end it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

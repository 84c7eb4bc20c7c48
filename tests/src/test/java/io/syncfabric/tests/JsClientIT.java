package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.FreePorts;
import io.syncfabric.tests.support.TcpLink;
import io.syncfabric.tests.support.TestFabric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JavaScript client ({@code clients/js}) on a real fabric: this IT runs its Node test suite,
 * integration and headless Chromium parts included, against two real frontends. The Node tests
 * steer the fabric through a small control server on loopback: list the frontends (with a token and
 * the API key), halt, stop or drain one, start another.
 */
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class JsClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration NODE_TIMEOUT = Duration.ofMinutes(5);

  static TestFabric fabric;
  static HttpServer control;
  /** Frontends halted, stopped or drained: no longer offered to the Node tests. */
  static final Set<String> gone = ConcurrentHashMap.newKeySet();
  /** Relays that make some frontends far away (latency each way). */
  static final List<TcpLink> relays = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    fabric = TestFabric.start("jsclient", 2, Map.of(
        "pool.heartbeat.ms", "500",
        "pool.member.ttl.ms", "5000",
        "drain.timeout.ms", "8000"), Map.of());
    awaitPoolSees(live());
    control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    control.setExecutor(Executors.newCachedThreadPool());
    control.createContext("/", JsClientIT::handle);
    control.start();
  }

  @AfterAll
  static void stop() {
    if (control != null) {
      control.stop(0);
    }
    relays.forEach(TcpLink::close);
    if (fabric != null) {
      fabric.close();
    }
  }

  @Test
  void nodeSuitePassesAgainstARealFabric() throws Exception {
    Path js = clientDir();
    if (!Files.isDirectory(js.resolve("node_modules"))) {
      assertThat(run(js, Duration.ofMinutes(3), "npm", "ci", "--no-audit", "--no-fund")).as("npm ci").isZero();
    }
    int exit = run(js, NODE_TIMEOUT, "node", "--experimental-websocket", "--test", "--test-concurrency=1");
    assertThat(exit).as("node --test exit code (output above, lines prefixed [node])").isZero();
  }

  // --- the control server -------------------------------------------------------------------

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String node = query(uri, "node");
      String route = exchange.getRequestMethod() + " " + uri.getPath();
      Object body = switch (route) {
        case "GET /fabric" -> describeFabric(Optional.ofNullable(query(uri, "sub")).orElse("js"));
        case "POST /halt" -> act(node, fe -> fe.halt());
        case "POST /stop" -> act(node, FrontendServer::close);
        case "POST /drain" -> act(node, FrontendServer::startDrain);
        case "POST /start" -> startFrontend(query(uri, "delayMs"));
        default -> null;
      };
      byte[] out = JSON.writeValueAsBytes(body == null ? Map.of("error", "no route " + route) : body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(body == null ? 404 : 200, out.length);
      exchange.getResponseBody().write(out);
    } catch (RuntimeException e) {
      byte[] out = JSON.writeValueAsBytes(Map.of("error", e.toString()));
      exchange.sendResponseHeaders(500, out.length);
      exchange.getResponseBody().write(out);
    }
  }

  private static Map<String, Object> describeFabric(String sub) {
    return Map.of(
        "frontends", live().stream().map(JsClientIT::describe).toList(),
        "token", fabric.token(sub, List.of("*")),
        "apiKey", TestFabric.API_KEY);
  }

  private static ObjectNode describe(FrontendServer fe) {
    return JSON.createObjectNode().put("node", fe.nodeId()).put("http", fe.publicHttpUrl()).put("ws", fe.publicUrl());
  }

  private interface Action {
    void on(FrontendServer fe);
  }

  /** Acts on any frontend started, also a drained one (which still runs until stopped). */
  private static Object act(String node, Action action) {
    FrontendServer fe = fabric.frontends().stream().filter(f -> f.nodeId().equals(node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no frontend " + node));
    gone.add(node);
    action.on(fe);
    return Map.of("node", node, "done", true);
  }

  /** A new frontend; with {@code delayMs}, it is far: clients reach it only through a relay adding that much each way. */
  private static ObjectNode startFrontend(String delayMs) {
    FrontendServer fe;
    if (delayMs == null) {
      fe = fabric.startFrontend();
    } else {
      int port = FreePorts.take(1).get(0);
      TcpLink relay;
      try {
        relay = new TcpLink(port, Long.parseLong(delayMs));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      relays.add(relay);
      fe = fabric.startFrontend(Map.of("http.port", Integer.toString(port),
          "public.url", "ws://127.0.0.1:" + relay.port() + "/v1/ws"));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!fe.isReady()) { // not fabric.awaitReady: halted and drained frontends never are again
      assertThat(System.nanoTime()).as("%s ready", fe.nodeId()).isLessThan(deadline);
      sleep(50);
    }
    awaitPoolSees(live());
    return describe(fe);
  }

  private static List<FrontendServer> live() {
    return fabric.frontends().stream().filter(fe -> !gone.contains(fe.nodeId())).toList();
  }

  /** Waits until every live frontend's pool lists all of them, so discovery offers each one. */
  private static void awaitPoolSees(List<FrontendServer> frontends) {
    Set<String> nodes = frontends.stream().map(FrontendServer::nodeId).collect(Collectors.toSet());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!frontends.stream().allMatch(fe -> fe.pool().live().stream().map(l -> l.member().node())
        .collect(Collectors.toSet()).containsAll(nodes))) {
      assertThat(System.nanoTime()).as("pool lists %s", nodes).isLessThan(deadline);
      sleep(100);
    }
  }

  private static String query(URI uri, String name) {
    String q = uri.getRawQuery();
    if (q == null) {
      return null;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  // --- running Node -------------------------------------------------------------------------

  /** clients/js of this checkout; Failsafe runs in the tests module, one level down. */
  private static Path clientDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("clients/js/fabric.js"))) {
        return dir.resolve("clients/js");
      }
    }
    throw new IllegalStateException("clients/js/fabric.js not found above " + Path.of("").toAbsolutePath());
  }

  /** Runs a command in {@code dir}, streaming its output to the test log; kills it at {@code timeout}. */
  private static int run(Path dir, Duration timeout, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("FABRIC_CONTROL", "http://127.0.0.1:" + control.getAddress().getPort());
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    System.out.println("[node] $ " + String.join(" ", command) + "   (in " + dir + ")");
    Process process = builder.start();
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> System.out.println("[node] " + line));
      } catch (IOException e) {
        System.out.println("[node] output ended: " + e);
      }
    }, "node-output");
    pump.setDaemon(true);
    pump.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium too
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      pump.join(5_000);
      throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
    }
    pump.join(5_000);
    return process.exitValue();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

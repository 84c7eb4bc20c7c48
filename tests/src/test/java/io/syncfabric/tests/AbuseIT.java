package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.frontend.auth.TokenMinter;
import io.syncfabric.frontend.protocol.ErrorCode;
import io.syncfabric.tests.support.Attacker;
import io.syncfabric.tests.support.DeliveryChecker;
import io.syncfabric.tests.support.RecordingClient;
import io.syncfabric.tests.support.Scrape;
import io.syncfabric.tests.support.SteadyPublisher;
import io.syncfabric.tests.support.TestFabric;
import io.syncfabric.tests.support.WireSocket;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over 10,000 bad inputs over real loopback sockets (junk bytes, oversized and lying frames, deep
 * JSON, invalid UTF-8, binary and reserved frames, unknown ops, forged and expired tokens,
 * subscription and connection floods) while 20 well-behaved clients take a steady stream: they lose,
 * repeat and reorder nothing; the frontend stays ready, gives its memory and connections back, and
 * counts every rejection by code and reason.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AbuseIT {
  static final int MAX_FRAME_BYTES = 4096;
  static final int MAX_SUBSCRIPTIONS = 8;
  static final int CLIENTS = 20;
  static final int PER_ADDRESS = 40;
  static final long MIB = 1 << 20;
  /** The frontend checks aud and iss, so tokens for another service are among the forgeries. */
  static final String AUDIENCE = "fabric-abuse";
  static final String ISSUER = "https://auth.abuse.test";
  static final List<String> CALM = IntStream.range(0, 4).mapToObj(i -> "calm:" + i).toList();

  static TestFabric fabric;
  static FrontendServer frontend;

  @BeforeAll
  static void start() {
    fabric = TestFabric.start("abuse", 1, Map.of(
        "ws.max.frame.bytes", Integer.toString(MAX_FRAME_BYTES),
        "ws.max.subscriptions", Integer.toString(MAX_SUBSCRIPTIONS),
        "ws.connect.timeout.ms", "500",
        "ws.max.connections.per.address", Integer.toString(PER_ADDRESS),
        "jwt.audience", AUDIENCE, "jwt.issuer", ISSUER), Map.of());
    frontend = fabric.frontends().get(0);
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  @Test
  void tenThousandBadInputsLeaveTheFrontendReadyItsClientsWholeAndEveryRejectionCounted() throws Exception {
    DeliveryChecker checker = new DeliveryChecker();
    List<RecordingClient> clients = new ArrayList<>();
    String calmToken = token("calm", List.of("calm:*"), AUDIENCE, ISSUER, Duration.ofHours(1));
    for (int i = 0; i < CLIENTS; i++) {
      RecordingClient c = RecordingClient.connect(frontend.publicUrl(), calmToken);
      for (String channel : CALM) {
        c.subscribe(channel);
        checker.subscribed("c" + i, channel);
      }
      clients.add(c);
    }
    // the attackers come from another loopback address, so the per-address limit is theirs alone
    Attacker attacker = new Attacker(InetAddress.getByName("127.0.0.2"), frontend.port(), MAX_FRAME_BYTES);
    long heapBefore;
    String before;
    try (SteadyPublisher publisher = new SteadyPublisher(fabric, CALM, checker, new AtomicLong())) {
      publisher.burst(40); // warm up every path before measuring
      await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch(c -> c.total() == 40));
      heapBefore = settledHeapBytes();
      before = Scrape.metrics(frontend.port());

      publisher.start(100, 100 * 120); // bounded: stopped when the attacks end
      long start = System.nanoTime();
      attack(attacker, token("mallory", List.of("abuse:*"), AUDIENCE, ISSUER, Duration.ofHours(1)));
      System.out.printf("AbuseIT: %,d bad inputs in %,d ms%n", attacker.inputs(), (System.nanoTime() - start) / 1_000_000);
    }
    assertThat(attacker.inputs()).isGreaterThanOrEqualTo(10_000);

    long published = checker.publishedCount();
    await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch(c -> c.total() >= published));
    for (int i = 0; i < CLIENTS; i++) {
      for (String channel : CALM) {
        for (var m : clients.get(i).messages(channel)) {
          checker.received("c" + i, m);
        }
      }
    }
    DeliveryChecker.Report report = checker.report();
    assertThat(report.clean()).as("well-behaved clients: %s", report).isTrue();
    assertThat(clients).allMatch(c -> c.closeState().equals("open"));

    awaitOpenConnections();
    assertThat(ready()).isEqualTo(200);
    long heapAfter = settledHeapBytes();
    assertThat(heapAfter).as("heap after %d bad inputs: %d MiB, before: %d MiB", attacker.inputs(),
        heapAfter / MIB, heapBefore / MIB).isLessThan(heapBefore + 64 * MIB);
    System.out.printf("AbuseIT: heap %d MiB before, %d MiB after; %,d messages to each of %d clients, %s%n",
        heapBefore / MIB, heapAfter / MIB, published, CLIENTS, report);

    String after = Scrape.metrics(frontend.port());
    SoftAssertions counted = new SoftAssertions();
    Map<String, Long> surprises = attacker.surprises().stream()
        .collect(Collectors.groupingBy(m -> m, TreeMap::new, Collectors.counting()));
    counted.assertThat(surprises).as("answers that broke the protocol, and how often").isEmpty();
    Map<String, Long> errors = attacker.expectedErrors();
    for (ErrorCode code : ErrorCode.values()) { // exact: the protocol answers each bad input once
      counted.assertThat(delta(before, after, "fabric_ws_errors_total", "code", code.tag()))
          .as("errors counted as %s", code.tag()).isEqualTo((double) errors.getOrDefault(code.tag(), 0L));
    }
    attacker.expectedCloses().forEach((reason, n) -> {
      double closed = delta(before, after, "fabric_connections_closed_total", "reason", reason);
      if (reason.equals("client")) { // the frontend cannot tell a hang-up from a rejection at the WebSocket layer
        counted.assertThat(closed).as("closes counted as client").isGreaterThanOrEqualTo((double) n);
      } else {
        counted.assertThat(closed).as("closes counted as %s", reason).isEqualTo((double) n);
      }
    });
    counted.assertAll();
    clients.forEach(RecordingClient::close);
  }

  /** Every attack, from a few threads at once; each is bounded and stops by itself. */
  private static void attack(Attacker a, String mallory) throws Exception {
    List<Runnable> attacks = new ArrayList<>();
    for (int i = 0; i < 45; i++) { // 8,100 bad frames, a burst per connection (the rate limit is tested apart)
      long seed = i;
      attacks.add(() -> a.frameFlood(mallory, Attacker.BURST, seed));
    }
    for (int i = 0; i < 6; i++) {
      long seed = 100 + i;
      attacks.add(() -> a.binaryFlood(mallory, Attacker.BURST, seed));
    }
    for (int i = 0; i < 3; i++) {
      int n = i;
      attacks.add(() -> a.subscriptionFlood(mallory, MAX_SUBSCRIPTIONS, Attacker.BURST - MAX_SUBSCRIPTIONS - 2, n));
    }
    for (int i = 0; i < 10; i++) {
      boolean binary = i % 2 == 1;
      attacks.add(() -> a.rateFlood(mallory, 500, binary));
    }
    for (int i = 0; i < 300; i++) { // a connection flood: none ever sends connect
      int frames = i % 2 == 0 ? 0 : 10;
      attacks.add(() -> a.neverConnects(frames));
    }
    List<String> forged = forgedTokens();
    for (int i = 0; i < 400; i++) {
      String token = forged.get(i % forged.size());
      ErrorCode code = i % forged.size() == 0 ? ErrorCode.TOKEN_EXPIRED : ErrorCode.INVALID_TOKEN;
      boolean answer = i % 8 != 0; // every eighth one ignores the close frame and lingers
      attacks.add(() -> a.badToken(token, code, answer));
    }
    Random r = new Random(11);
    for (int i = 0; i < 200; i++) {
      boolean lying = i % 5 == 0;
      long seed = r.nextLong();
      attacks.add(() -> a.hugeFrame(mallory, lying, seed));
    }
    List<byte[]> badUtf8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {'{', '"', (byte) 0xE2, (byte) 0x82});
    for (int i = 0; i < 200; i++) {
      byte[] bytes = badUtf8.get(i % badUtf8.size());
      attacks.add(() -> a.protocolViolation("invalid UTF-8", mallory, WireSocket.TEXT, bytes, true, ErrorCode.INVALID_UTF8));
    }
    byte[] ping = "{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 50; i++) {
      attacks.add(() -> a.protocolViolation("reserved opcode", mallory, 0x3, ping, true, ErrorCode.PROTOCOL_ERROR));
      attacks.add(() -> a.protocolViolation("unmasked frame", mallory, WireSocket.TEXT, ping, false, ErrorCode.PROTOCOL_ERROR));
    }
    for (int i = 0; i < 300; i++) {
      byte[] junk = junk(i, new Random(i));
      attacks.add(() -> a.junk(junk));
    }
    java.util.Collections.shuffle(attacks, new Random(3));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      for (Future<?> f : pool.invokeAll(attacks.stream().map(Executors::callable).toList(), 3, TimeUnit.MINUTES)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // alone, once everyone else has gone: the per-address limit is exact
    awaitOpenConnections();
    a.holdConnections(mallory, PER_ADDRESS + 20, PER_ADDRESS);
  }

  /**
   * The expired token first; then another audience, no audience, another issuer, wrong secret, alg
   * none, changed claims, a forged signature, a null header, garbage.
   */
  private static List<String> forgedTokens() {
    String valid = token("mallory", List.of("*"), AUDIENCE, ISSUER, Duration.ofHours(1));
    String[] parts = valid.split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String everything = b64.encodeToString("{\"sub\":\"root\",\"channels\":[\"*\"]}".getBytes(StandardCharsets.UTF_8));
    return List.of(
        token("mallory", List.of("*"), AUDIENCE, ISSUER, Duration.ofHours(-2)),
        token("mallory", List.of("*"), "another-service", ISSUER, Duration.ofHours(1)),
        token("mallory", List.of("*"), null, ISSUER, Duration.ofHours(1)),
        token("mallory", List.of("*"), AUDIENCE, "https://evil.test", Duration.ofHours(1)),
        new TokenMinter("not-the-fabric-secret-not-the-fabric-secret", Clock.systemUTC())
            .mint("mallory", List.of("*"), Duration.ofHours(1)),
        b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + everything + ".",
        parts[0] + "." + everything + "." + parts[2],
        parts[0] + "." + parts[1] + "." + b64.encodeToString(new byte[32]),
        b64.encodeToString("null".getBytes(StandardCharsets.UTF_8)) + "." + everything + "." + parts[2],
        "eyJhbGciOiJIUzI1NiJ9.garbage.garbage");
  }

  private static String token(String subject, List<String> channels, String audience, String issuer, Duration ttl) {
    return new TokenMinter(TestFabric.JWT_SECRET, Clock.systemUTC())
        .mint(new TokenMinter.Grant(subject, channels, Map.of(), audience, issuer, ttl));
  }

  /** Not WebSocket: random bytes, a TLS hello, HTTP without the upgrade, a request line far too long. */
  private static byte[] junk(int i, Random r) {
    return switch (i % 4) {
      case 0 -> {
        byte[] b = new byte[1 + r.nextInt(2048)];
        r.nextBytes(b);
        yield b;
      }
      case 1 -> new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};
      case 2 -> "GET /v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      default -> ("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    };
  }

  private static void awaitOpenConnections() {
    await().atMost(Duration.ofSeconds(15)).until(() ->
        Scrape.value(Scrape.metrics(frontend.port()), "fabric_connections_open", null, null) == CLIENTS);
  }

  private static double delta(String before, String after, String name, String label, String value) {
    return Scrape.value(after, name, label, value) - Scrape.value(before, name, label, value);
  }

  private static int ready() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + frontend.port() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Used heap once the collector has had its say (the fabric runs in this JVM). */
  private static long settledHeapBytes() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}

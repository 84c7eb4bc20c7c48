package io.syncfabric.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.syncfabric.client.FabricClient;
import io.syncfabric.client.FabricMessage;
import io.syncfabric.frontend.FrontendServer;
import io.syncfabric.tests.support.TestFabric;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS (wss/https from a keystore), the Origin allow-list, and API keys rotated through a file. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecurityIT {
  static final String PASSWORD = "changeit";
  static TestFabric fabric;
  static FrontendServer fe;
  static HttpClient https;
  static Path keysFile;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("syncfabric-tls-");
    Path keystore = dir.resolve("fabric.p12");
    Process keytool = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/keytool").getPath(),
        "-genkeypair", "-alias", "fabric", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/keytool.log"))).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
    keysFile = dir.resolve("api-keys");
    Files.writeString(keysFile, "# rotated keys\nkey-one\n");
    fabric = TestFabric.start("security", 1, Map.of(
        "tls.keystore", keystore.toString(),
        "tls.keystore.password", PASSWORD,
        "ws.allowed.origins", "https://app.example,https://*.trusted.example",
        "api.keys.file", keysFile.toString()), Map.of());
    fe = fabric.frontends().get(0);
    https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
  }

  @AfterAll
  static void stop() {
    fabric.close();
  }

  /** A client that trusts exactly the frontend's self-signed certificate. */
  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore keys = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("fabric", keys.getCertificate("fabric"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  @Test
  void theFrontendSpeaksOnlyTlsAndDeliversOverWss() throws Exception {
    assertThat(fe.publicUrl()).startsWith("wss://127.0.0.1:");
    assertThat(https.send(HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + fe.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString()))
        .as("plain HTTP is not served").isInstanceOf(java.io.IOException.class);

    CompletableFuture<FabricMessage> got = new CompletableFuture<>();
    FabricClient client = FabricClient.connect(https, URI.create(fe.publicUrl()), fabric.token("t", List.of("tls:*")),
        got::complete).get(10, TimeUnit.SECONDS);
    try {
      client.subscribe("tls:a").get(10, TimeUnit.SECONDS);
      HttpResponse<String> published = https.send(HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + "/v1/publish"))
          .header("X-API-Key", TestFabric.API_KEY) // from api.keys: stays whatever the file says
          .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"tls:a\",\"data\":{\"secure\":true}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(published.statusCode()).isEqualTo(202);
      assertThat(got.get(30, TimeUnit.SECONDS).data().path("secure").asBoolean()).isTrue();
    } finally {
      client.close();
    }
  }

  @Test
  void upgradesFromOriginsOutsideTheAllowListAreRefused() throws Exception {
    assertThat(upgrade("https://app.example")).isTrue();
    assertThat(upgrade("https://eu.trusted.example")).isTrue();
    assertThat(upgrade(null)).as("no Origin: not a browser").isTrue();
    assertThat(upgrade("https://evil.example")).isFalse();
    assertThat(upgrade("https://trusted.example.evil.example")).isFalse();
  }

  private static boolean upgrade(String origin) throws Exception {
    WebSocket.Builder b = https.newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      WebSocket ws = b.buildAsync(URI.create(fe.publicUrl()), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
      ws.abort();
      return true;
    } catch (java.util.concurrent.ExecutionException e) {
      return false;
    }
  }

  @Test
  void apiKeysRotateThroughTheFileWithoutARestart() throws Exception {
    assertThat(publishWith("key-one")).isEqualTo(202);
    assertThat(publishWith("key-two")).isEqualTo(401);

    Files.writeString(keysFile, "key-two\n"); // rotate: the new key in, the old one out
    Files.setLastModifiedTime(keysFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> publishWith("key-two") == 202);
    assertThat(publishWith("key-one")).isEqualTo(401);
  }

  private static int publishWith(String key) throws Exception {
    return https.send(HttpRequest.newBuilder(URI.create(fe.publicHttpUrl() + "/v1/publish"))
        .header("X-API-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"tls:b\",\"data\":1}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

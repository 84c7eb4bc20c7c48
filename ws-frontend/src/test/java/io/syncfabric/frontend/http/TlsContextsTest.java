package io.syncfabric.frontend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncfabric.frontend.FrontendConfig.TlsSettings;
import java.io.File;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
  private static String pem(byte[] pkcs8) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void readsPkcs8RsaAndEcKeys() throws Exception {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      var key = g.generateKeyPair().getPrivate();
      assertThat(TlsContexts.privateKey(pem(key.getEncoded())).getEncoded()).isEqualTo(key.getEncoded());
    }
  }

  @Test
  void otherPemFormatsAreRefusedWithAHint() {
    assertThatThrownBy(() -> TlsContexts.privateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
        .hasMessageContaining("PKCS#8").hasMessageContaining("openssl pkcs8");
  }

  @Test
  void pemFilesServeARealHandshakeAndTheClientSeesThatCertificate() throws Exception {
    Path dir = Files.createTempDirectory("syncfabric-pem-");
    Path keystore = dir.resolve("made.p12");
    Process keytool = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/keytool").getPath(),
        "-genkeypair", "-alias", "fabric", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true)
        .redirectOutput(dir.resolve("keytool.log").toFile()).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
    KeyStore made = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
    X509Certificate cert = (X509Certificate) made.getCertificate("fabric");
    Path certPem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path keyPem = Files.writeString(dir.resolve("key.pem"),
        pem(made.getKey("fabric", "changeit".toCharArray()).getEncoded()));

    SSLContext server = TlsContexts.from(new TlsSettings(null, "", certPem, keyPem));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("fabric", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
        try (Socket accepted = listener.accept()) {
          int b = accepted.getInputStream().read();
          accepted.getOutputStream().write(b + 1);
          return b;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
          listener.getLocalPort())) {
        socket.getOutputStream().write(41);
        assertThat(socket.getInputStream().read()).isEqualTo(42);
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(cert);
      }
      assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(41);
    }
  }
}

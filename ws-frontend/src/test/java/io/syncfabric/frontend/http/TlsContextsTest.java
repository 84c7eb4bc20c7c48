package io.syncfabric.frontend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Base64;
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
}

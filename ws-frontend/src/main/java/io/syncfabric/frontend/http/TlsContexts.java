package io.syncfabric.frontend.http;

import io.syncfabric.frontend.FrontendConfig.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the listener's TLS context from a keystore (PKCS12 or JKS) or from PEM files. */
public final class TlsContexts {
  private TlsContexts() {}

  public static SSLContext from(TlsSettings tls) {
    try {
      char[] password = tls.keystorePassword().toCharArray();
      KeyStore store = tls.keystore() != null ? KeyStore.getInstance(tls.keystore().toFile(), password) : fromPem(tls, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS material cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static KeyStore fromPem(TlsSettings tls, char[] password) throws IOException, GeneralSecurityException {
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(tls.certPem())) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
    }
    if (chain.length == 0) {
      throw new GeneralSecurityException("no certificate in " + tls.certPem());
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("fabric", privateKey(Files.readString(tls.keyPem())), password, chain);
    return store;
  }

  /** A PKCS#8 ("BEGIN PRIVATE KEY") RSA or EC key. */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new GeneralSecurityException("tls.key.pem must be PKCS#8 (BEGIN PRIVATE KEY); convert with openssl pkcs8 -topk8 -nocrypt");
    }
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("tls.key.pem is neither an RSA nor an EC key");
  }
}

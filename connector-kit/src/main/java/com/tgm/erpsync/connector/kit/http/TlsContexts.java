package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of a connection: the JVM's trusted CAs plus the connection's own server certificate
 * ({@code connectionSettings.serverCertificate}, PEM, for sandboxes with self-signed certificates),
 * and for CERTIFICATE auth the client key for mutual TLS, from a base64 PKCS#12 (password under
 * {@code password}) or a PEM certificate with a PEM PKCS#8 private key.
 */
final class TlsContexts {
  static final String SERVER_CERTIFICATE = "serverCertificate";
  private static final String PEM_MARKER = "-----BEGIN";

  private TlsContexts() {}

  static SSLContext build(ConnectionSnapshot connection, ConnectionSecrets secrets)
      throws GeneralSecurityException, IOException {
    KeyManager[] keyManagers =
        connection.authType() == AuthType.CERTIFICATE ? keyManagers(secrets) : null;
    Optional<String> serverPem = ConnectionSettings.text(connection, SERVER_CERTIFICATE);
    TrustManager[] trustManagers =
        serverPem.isPresent()
            ? new TrustManager[] {
              new EitherTrustManager(defaultTrust(), pinnedTrust(serverPem.get()))
            }
            : null;
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trustManagers, null);
    return context;
  }

  private static KeyManager[] keyManagers(ConnectionSecrets secrets)
      throws GeneralSecurityException, IOException {
    String certificate = secrets.require(ConnectionSnapshot.CERTIFICATE);
    char[] password = secrets.find(ConnectionSnapshot.PASSWORD).orElse("").toCharArray();
    KeyStore store;
    if (certificate.contains(PEM_MARKER)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      List<Certificate> chain = new ArrayList<>(certificates(certificate));
      PrivateKey key = privateKey(secrets.require(ConnectionSnapshot.PRIVATE_KEY));
      store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
    } else {
      store = KeyStore.getInstance("PKCS12");
      byte[] der = Base64.getMimeDecoder().decode(certificate);
      store.load(new ByteArrayInputStream(der), password);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    Arrays.fill(password, '\0');
    return factory.getKeyManagers();
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws CertificateException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new GeneralSecurityException(
          "the private key must be PEM PKCS#8 ('BEGIN PRIVATE KEY'); convert it with openssl"
              + " pkcs8");
    }
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("the private key is neither RSA nor EC nor EdDSA", last);
  }

  private static X509TrustManager defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory);
  }

  private static X509TrustManager pinnedTrust(String pem)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates(pem)) {
      store.setCertificateEntry("server-" + index++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return x509(factory);
  }

  private static X509TrustManager x509(TrustManagerFactory factory)
      throws GeneralSecurityException {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  /** Trusts a server that either the JVM's CAs or the connection's own certificate vouch for. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      issuers.addAll(List.of(second.getAcceptedIssuers()));
      return issuers.toArray(X509Certificate[]::new);
    }
  }
}

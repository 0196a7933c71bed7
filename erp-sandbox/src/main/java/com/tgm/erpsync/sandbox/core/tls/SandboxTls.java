package com.tgm.erpsync.sandbox.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The sandbox's own TLS material: a self-signed server certificate for {@code localhost} and {@code
 * 127.0.0.1}, which also issues the client certificates the HTTPS server trusts.
 */
public final class SandboxTls {

  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final char[] SERVER_PASSWORD = "sandbox".toCharArray();
  private static final String SERVER_DN = "CN=localhost,O=TGM ERP Sync Sandbox";

  private final KeyPair serverKeys;
  private final X509Certificate serverCertificate;
  private final SSLContext serverContext;
  private final SecureRandom random = new SecureRandom();

  private SandboxTls(KeyPair serverKeys, X509Certificate serverCertificate) {
    this.serverKeys = serverKeys;
    this.serverCertificate = serverCertificate;
    KeyStore ks = keyStore("server", serverKeys.getPrivate(), SERVER_PASSWORD, serverCertificate);
    this.serverContext = context(ks, SERVER_PASSWORD, serverCertificate);
  }

  /** Generates fresh server keys and a self-signed certificate. */
  public static SandboxTls generate() {
    KeyPair keys = rsaKeys();
    X509Certificate cert =
        certificate(
            SERVER_DN,
            keys,
            SERVER_DN,
            keys.getPrivate(),
            BigInteger.valueOf(System.nanoTime()),
            true);
    return new SandboxTls(keys, cert);
  }

  /** Context for the HTTPS server: its certificate, trusting the client certificates it issued. */
  public SSLContext serverContext() {
    return serverContext;
  }

  public X509Certificate serverCertificate() {
    return serverCertificate;
  }

  /** The server certificate in PEM, to put into a client's truststore. */
  public String serverCertificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(serverCertificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A context that trusts the sandbox but presents no client certificate. */
  public SSLContext trustingContext() {
    try {
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      return context(empty, new char[0], serverCertificate);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Issues a client certificate for {@code commonName}, trusted by the HTTPS server. */
  public ClientIdentity issueClientCertificate(String commonName) {
    KeyPair keys = rsaKeys();
    X509Certificate cert =
        certificate(
            "CN=" + commonName + ",O=TGM ERP Sync Sandbox Client",
            keys,
            SERVER_DN,
            serverKeys.getPrivate(),
            new BigInteger(63, random),
            false);
    char[] password = "changeit".toCharArray();
    KeyStore ks =
        keyStore(ClientIdentity.ALIAS, keys.getPrivate(), password, cert, serverCertificate);
    return new ClientIdentity(cert, ks, password, serverCertificate);
  }

  static SSLContext context(KeyStore keys, char[] password, X509Certificate trusted) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("sandbox", trusted);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keyStore(
      String alias, PrivateKey key, char[] password, Certificate... chain) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(alias, key, password, chain);
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      PrivateKey issuerKey,
      BigInteger serial,
      boolean authority) {
    try {
      byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nul());
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      byte[] basicConstraints =
          Der.sequence(
              Der.oid("2.5.29.19"),
              Der.bool(true),
              Der.octets(authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
      byte[] altNames =
          Der.sequence(
              Der.oid("2.5.29.17"),
              Der.octets(
                  Der.sequence(
                      Der.implicitPrimitive(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                      Der.implicitPrimitive(7, InetAddress.getByName("127.0.0.1").getAddress()))));
      byte[] tbs =
          Der.sequence(
              Der.explicit(0, Der.integer(BigInteger.TWO)),
              Der.integer(serial.abs()),
              algorithm,
              name(issuer),
              Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusYears(10))),
              name(subject),
              subjectKeys.getPublic().getEncoded(),
              Der.explicit(3, Der.sequence(basicConstraints, altNames)));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(issuerKey);
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An X.500 name of {@code CN=…,O=…} attributes, in the order given. */
  private static byte[] name(String dn) {
    String[] rdns = dn.split(",");
    byte[][] sets = new byte[rdns.length][];
    for (int i = 0; i < rdns.length; i++) {
      String[] kv = rdns[i].trim().split("=", 2);
      String oid = kv[0].equals("CN") ? "2.5.4.3" : "2.5.4.10";
      sets[i] = Der.set(Der.sequence(Der.oid(oid), Der.utf8(kv[1])));
    }
    return Der.sequence(sets);
  }
}

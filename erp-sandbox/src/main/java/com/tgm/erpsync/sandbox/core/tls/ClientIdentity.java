package com.tgm.erpsync.sandbox.core.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * A client certificate issued by a sandbox, with its private key: what a connector configures as
 * its keystore for mutual TLS.
 *
 * @param certificate the client certificate, issued by the sandbox's server certificate
 * @param keyStore PKCS#12 keystore holding the key and the certificate chain
 * @param password password of the keystore and the key
 * @param trust the sandbox's server certificate, to trust when connecting
 */
public record ClientIdentity(
    X509Certificate certificate, KeyStore keyStore, char[] password, X509Certificate trust) {

  /** Alias of the key entry in {@link #keyStore()}. */
  public static final String ALIAS = "client";

  /** The keystore as PKCS#12 bytes, e.g. to write a {@code .p12} file. */
  public byte[] pkcs12() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      keyStore.store(out, password);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An SSL context presenting this identity and trusting the sandbox. */
  public SSLContext sslContext() {
    return SandboxTls.context(keyStore, password, trust);
  }
}

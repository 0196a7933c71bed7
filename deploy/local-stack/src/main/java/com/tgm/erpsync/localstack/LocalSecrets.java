package com.tgm.erpsync.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The secrets the services need locally, generated on the first run into .local/secrets and reused,
 * so tokens and encrypted credentials stay valid across restarts.
 */
final class LocalSecrets {

  static final String CREDENTIALS_KEY_ID = "local-1";

  private final Path directory;
  private final PrivateKey jwtPrivateKey;
  private final String credentialsKey;
  private final boolean generated;

  private LocalSecrets(
      Path directory, PrivateKey jwtPrivateKey, String credentialsKey, boolean generated) {
    this.directory = directory;
    this.jwtPrivateKey = jwtPrivateKey;
    this.credentialsKey = credentialsKey;
    this.generated = generated;
  }

  static LocalSecrets loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
    Files.createDirectories(directory);
    restrict(directory, "rwx------");
    Path privatePem = directory.resolve("jwt-private.pem");
    Path publicPem = directory.resolve("jwt-public.pem");
    boolean generated = false;
    if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      // getEncoded() is PKCS#8 for the private key and X.509 SubjectPublicKeyInfo for the public
      writeSecret(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      writeSecret(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      generated = true;
    }
    Path keyFile = directory.resolve("credentials.key");
    if (!Files.exists(keyFile)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      writeSecret(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
      generated = true;
    }
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(privatePem))));
    String credentialsKey = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
    return new LocalSecrets(directory, privateKey, credentialsKey, generated);
  }

  /** True when this call created a key (first run, or after the files were deleted). */
  boolean generated() {
    return generated;
  }

  PrivateKey jwtPrivateKey() {
    return jwtPrivateKey;
  }

  Path jwtPublicKeyFile() {
    return directory.resolve("jwt-public.pem").toAbsolutePath();
  }

  Path adminTokenFile() {
    return directory.resolve("admin.jwt");
  }

  /** The value of TGM_CREDENTIALS_KEYS: {@code keyId:base64Key}. */
  String credentialsKeys() {
    return CREDENTIALS_KEY_ID + ":" + credentialsKey;
  }

  static void writeSecret(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    restrict(file, "rw-------");
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions: the files stay as the umask made them
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] pemBody(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }
}

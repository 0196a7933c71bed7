package com.tgm.erpsync.connector.kit.http;

import com.tgm.erpsync.connections.SecretDecryptor;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Connection snapshots and vault-encrypted secrets for the HTTP runtime tests. */
final class TestConnections {
  static final String KEY_ID = "test-1";
  static final byte[] KEY = new byte[32];
  static final String KEYS;
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000);

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (0x40 + i);
    }
    KEYS = KEY_ID + ":" + Base64.getEncoder().encodeToString(KEY);
  }

  private TestConnections() {}

  static Builder connection(URI baseUrl) {
    return new Builder(IDS.incrementAndGet(), baseUrl);
  }

  static ErpHttpClients clients(HttpPolicy policy, SimpleMeterRegistry registry) {
    return new ErpHttpClients(policy, new SecretDecryptor(KEYS), registry, null);
  }

  /** A fast policy for tests: retry delay unit 100 ms, breaker that does not trip by default. */
  static HttpPolicy fastPolicy() {
    return HttpPolicy.defaults()
        .withRetryDelayUnit(java.time.Duration.ofMillis(100))
        .withBreaker(1000, 1.0, java.time.Duration.ofSeconds(30));
  }

  /** AES-256-GCM with the vault's AAD, written independently of the code under test. */
  static EncryptedSecret encrypt(String keyId, byte[] key, String plaintext, String context) {
    try {
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new EncryptedSecret(
          keyId,
          EncryptedSecret.ALGORITHM,
          Base64.getEncoder().encodeToString(iv),
          Base64.getEncoder().encodeToString(sealed));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final class Builder {
    private final long id;
    private final URI baseUrl;
    private AuthType authType = AuthType.BASIC;
    private String username = "sync-user";
    private String clientId;
    private final Map<String, Object> settings = new HashMap<>();
    private final Map<String, String> clearSecrets = new HashMap<>();
    private int maxRetries = 3;
    private int retryDelaySeconds = 0;
    private int rateLimitRequests = 0;
    private int rateLimitPeriodSeconds = 0;
    private int maxConcurrentRequests = 0;
    private long version = 1;
    private String keyId = KEY_ID;
    private byte[] key = KEY;

    private Builder(long id, URI baseUrl) {
      this.id = id;
      this.baseUrl = baseUrl;
      clearSecrets.put(ConnectionSnapshot.PASSWORD, "s3cret-pw");
    }

    Builder auth(AuthType type) {
      this.authType = type;
      return this;
    }

    Builder username(String value) {
      this.username = value;
      return this;
    }

    Builder clientId(String value) {
      this.clientId = value;
      return this;
    }

    Builder setting(String name, Object value) {
      settings.put(name, value);
      return this;
    }

    Builder secret(String name, String clearValue) {
      if (clearValue == null) {
        clearSecrets.remove(name);
      } else {
        clearSecrets.put(name, clearValue);
      }
      return this;
    }

    Builder retries(int maxRetries, int retryDelaySeconds) {
      this.maxRetries = maxRetries;
      this.retryDelaySeconds = retryDelaySeconds;
      return this;
    }

    Builder rateLimit(int requests, int periodSeconds) {
      this.rateLimitRequests = requests;
      this.rateLimitPeriodSeconds = periodSeconds;
      return this;
    }

    Builder maxConcurrent(int value) {
      this.maxConcurrentRequests = value;
      return this;
    }

    Builder version(long value) {
      this.version = value;
      return this;
    }

    Builder vaultKey(String id, byte[] material) {
      this.keyId = id;
      this.key = material;
      return this;
    }

    ConnectionSnapshot build() {
      Map<String, EncryptedSecret> secrets = new HashMap<>();
      clearSecrets.forEach(
          (name, value) ->
              secrets.put(name, encrypt(keyId, key, value, SecretDecryptor.context(id, name))));
      return new ConnectionSnapshot(
          MessageMeta.create("test"),
          id,
          "test connection " + id,
          null,
          ErpType.SAP_S4HANA,
          authType,
          baseUrl.toString(),
          true,
          true,
          SyncDirection.BIDIRECTIONAL,
          15,
          false,
          clientId,
          username,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          settings,
          secrets,
          maxRetries,
          retryDelaySeconds,
          rateLimitRequests,
          rateLimitPeriodSeconds,
          maxConcurrentRequests,
          version,
          Instant.now());
    }
  }
}

package com.tgm.erpsync.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A credential as it travels on Kafka: AES-256-GCM ciphertext (tag appended) and IV, base64. keyId
 * names the key so keys can be rotated without rewriting the compacted topic at once.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncryptedSecret(String keyId, String algorithm, String iv, String ciphertext) {

  public static final String ALGORITHM = "AES-256-GCM";
}

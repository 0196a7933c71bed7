package com.tgm.erpsync.connection.config;

import io.smallrye.config.ConfigMapping;

/** The vault's keys: {@code id:base64} pairs (32-byte AES keys) and the id new secrets use. */
@ConfigMapping(prefix = "tgm.credentials")
public interface CredentialsConfig {
  String keys();

  String currentKey();
}

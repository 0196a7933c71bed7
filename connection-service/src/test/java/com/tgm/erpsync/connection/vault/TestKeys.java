package com.tgm.erpsync.connection.vault;

import java.util.Base64;

/** Fixed, recognisable test keys (never used outside tests). */
final class TestKeys {

  static final String OLD_KEY = key((byte) 0x11);
  static final String NEW_KEY = key((byte) 0x22);

  private TestKeys() {}

  static String key(byte fill) {
    byte[] bytes = new byte[KeyRing.KEY_BYTES];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (fill + i);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String base64OfLength(int length) {
    return Base64.getEncoder().encodeToString(new byte[length]);
  }
}

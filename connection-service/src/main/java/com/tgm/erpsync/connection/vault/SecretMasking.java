package com.tgm.erpsync.connection.vault;

/**
 * Masks secrets for API responses and logs. The mask is constant so neither the characters nor the
 * length of a secret leak.
 */
public final class SecretMasking {

  /** What every non-empty secret is shown as. */
  public static final String MASK = "********";

  private SecretMasking() {}

  /**
   * Returns {@link #MASK} for a non-empty secret, {@code null} for {@code null} and {@code ""} for
   * {@code ""} (so "not set" stays distinguishable from "set").
   */
  public static String mask(String secret) {
    if (secret == null) {
      return null;
    }
    return secret.isEmpty() ? "" : MASK;
  }
}

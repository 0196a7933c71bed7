package com.tgm.erpsync.connection.vault;

/**
 * A stored secret could not be decrypted (unknown key, wrong algorithm, tampering, wrong context).
 * Unchecked because callers cannot recover locally; the message names the key id and context, never
 * plaintext or key bytes, so it is safe to log.
 */
public class VaultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}

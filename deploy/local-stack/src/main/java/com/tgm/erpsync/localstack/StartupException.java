package com.tgm.erpsync.localstack;

/** Startup cannot go on; the message says what to look at, and the launcher stops everything. */
final class StartupException extends Exception {

  StartupException(String message) {
    super(message);
  }

  StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}

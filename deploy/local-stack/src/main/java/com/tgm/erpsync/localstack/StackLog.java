package com.tgm.erpsync.localstack;

/** The launcher talks to the terminal, not to a logging framework. */
final class StackLog {

  private static final String PREFIX = "[local-stack] ";

  private StackLog() {}

  static void info(String message) {
    System.out.println(PREFIX + message);
  }

  static void error(String message) {
    System.out.println(PREFIX + "ERROR: " + message);
  }

  static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}

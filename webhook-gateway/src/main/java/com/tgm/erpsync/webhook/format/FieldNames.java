package com.tgm.erpsync.webhook.format;

/** Builds the JSON paths that name a field at fault: {@code value[2].resource}, {@code [3].id}. */
final class FieldNames {
  private FieldNames() {}

  /** {@code child} below {@code prefix}; an empty prefix is the body itself. */
  static String join(String prefix, String child) {
    if (prefix == null || prefix.isEmpty()) {
      return child;
    }
    if ("$".equals(child)) {
      return prefix;
    }
    return child.startsWith("[") ? prefix + child : prefix + "." + child;
  }

  /** The element {@code index} of the array at {@code prefix}. */
  static String element(String prefix, int index) {
    return (prefix == null ? "" : prefix) + "[" + index + "]";
  }
}

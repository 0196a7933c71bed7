package com.tgm.erpsync.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a unified GC log ({@code -Xlog:gc}) says about the heap: each collection's line ends with
 * {@code <before>-><after>(<capacity>) <pause>ms}, e.g. {@code Pause Young (Allocation Failure)
 * 68M->9M(247M) 4.120ms}. The highest "before" is the peak occupancy the heap reached (allocation
 * between collections included); the highest "after" is the largest live set a collection left.
 */
record GcLog(
    long peakUsedKiB,
    long maxLiveKiB,
    long maxCapacityKiB,
    int collections,
    int fullCollections,
    double pauseMs) {
  private static final Pattern COLLECTION =
      Pattern.compile(
          "Pause (\\w+).*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) (\\d+(?:\\.\\d+)?)ms");

  static GcLog read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    long peak = 0;
    long live = 0;
    long capacity = 0;
    int collections = 0;
    int full = 0;
    double pause = 0;
    for (String line : lines) {
      Matcher m = COLLECTION.matcher(line);
      if (!m.find()) {
        continue;
      }
      collections++;
      if ("Full".equals(m.group(1))) {
        full++;
      }
      peak = Math.max(peak, kib(m.group(2), m.group(3)));
      live = Math.max(live, kib(m.group(4), m.group(5)));
      capacity = Math.max(capacity, kib(m.group(6), m.group(7)));
      pause += Double.parseDouble(m.group(8));
    }
    if (collections == 0) {
      throw new IllegalStateException("no collection in " + file + ": run longer or read it");
    }
    return new GcLog(peak, live, capacity, collections, full, pause);
  }

  private static long kib(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> value;
      case "M" -> value * 1024;
      default -> value * 1024 * 1024;
    };
  }
}

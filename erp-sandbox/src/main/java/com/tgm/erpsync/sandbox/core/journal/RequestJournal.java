package com.tgm.erpsync.sandbox.core.journal;

import com.tgm.erpsync.sandbox.core.http.Call;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded, thread-safe record of the requests the sandbox received, oldest first. Tests use it to
 * assert how many calls reached the ERP and with which headers.
 */
public final class RequestJournal {

  private static final int MAX_BODY = 64 * 1024;

  private final int capacity;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final LinkedHashMap<Long, JournalEntry> entries = new LinkedHashMap<>();

  /** A journal keeping at most {@code capacity} entries, stamped with the wall clock. */
  public RequestJournal(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Records an arriving call and returns its sequence number. */
  public long arrived(Call call) {
    Map<String, String> headers = new LinkedHashMap<>();
    call.headers()
        .forEach(
            (name, values) -> {
              String value = String.join(", ", values);
              if (name.equalsIgnoreCase("Authorization")) {
                int space = value.indexOf(' ');
                value = space < 0 ? value : value.substring(0, space);
              }
              headers.put(name, value);
            });
    byte[] body = call.body();
    String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
    long seq = sequence.incrementAndGet();
    JournalEntry entry =
        new JournalEntry(
            seq,
            clock.instant(),
            call.method(),
            call.path(),
            call.rawQuery(),
            Map.copyOf(headers),
            text,
            0,
            call.batchPart());
    synchronized (entries) {
      entries.put(seq, entry);
      while (entries.size() > capacity) {
        entries.remove(entries.keySet().iterator().next());
      }
    }
    return seq;
  }

  /** Records the status a call was answered with. */
  public void answered(long seq, int status) {
    synchronized (entries) {
      entries.computeIfPresent(seq, (k, e) -> e.withStatus(status));
    }
  }

  /** All entries, oldest first. */
  public List<JournalEntry> entries() {
    return find(JournalFilter.all());
  }

  /** Entries matching the filter, oldest first. */
  public List<JournalEntry> find(JournalFilter filter) {
    synchronized (entries) {
      List<JournalEntry> out = new ArrayList<>();
      for (JournalEntry e : entries.values()) {
        if (filter.test(e)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /** Number of entries matching the filter. */
  public int count(JournalFilter filter) {
    return find(filter).size();
  }

  /** Forgets every entry. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}

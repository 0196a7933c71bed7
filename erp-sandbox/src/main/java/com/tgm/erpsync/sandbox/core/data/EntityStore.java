package com.tgm.erpsync.sandbox.core.data;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The records of one entity set: the seeded records computed on demand from a {@link
 * RecordGenerator}, plus an overlay of the records created, changed or deleted since. Queries walk
 * the union in key order by arithmetic on index ranges, so a million seeded records cost no memory
 * and a page at the end costs no scan.
 */
public final class EntityStore {

  /** Internal property holding a record's ETag; never serialized as a property. */
  public static final String ETAG = "__etag";

  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter ETAG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'%3A'mm'%3A'ss.SSSSSSS'Z'")
          .withZone(ZoneOffset.UTC);

  /**
   * One page of a query.
   *
   * @param items the records of the page
   * @param total number of matching records, or -1 when not requested
   * @param more whether matching records follow the page
   */
  public record Page(List<Map<String, Object>> items, long total, boolean more) {}

  private record Plan(long lo, long hi, boolean exact, Predicate<Map<String, Object>> predicate) {}

  private final EntitySetDefinition definition;
  private final RecordGenerator generator;
  private final long seeded;
  private final Clock clock;
  private final Object writeLock;
  private final ConcurrentSkipListMap<String, Optional<Map<String, Object>>> overlay =
      new ConcurrentSkipListMap<>();
  private final AtomicLong assignedSequence = new AtomicLong();
  private Instant lastStamp = Instant.EPOCH;

  /**
   * A store of {@code seeded} generated records.
   *
   * @param writeLock lock shared by all stores of one sandbox, held for every change
   */
  public EntityStore(
      EntitySetDefinition definition,
      RecordGenerator generator,
      long seeded,
      Clock clock,
      Object writeLock) {
    this.definition = definition;
    this.generator = generator;
    this.seeded = seeded;
    this.clock = clock;
    this.writeLock = writeLock;
  }

  public EntitySetDefinition definition() {
    return definition;
  }

  /** Number of seeded records. */
  public long seededCount() {
    return seeded;
  }

  /** Forgets every change, back to the seeded records. */
  public void reset() {
    synchronized (writeLock) {
      overlay.clear();
      assignedSequence.set(0);
    }
  }

  /** The record with this canonical key, if it exists. */
  public Optional<Map<String, Object>> get(String key) {
    Optional<Map<String, Object>> changed = overlay.get(key);
    if (changed != null) {
      return changed.map(LinkedHashMap::new);
    }
    long i = generatedIndex(key);
    return i < 0 ? Optional.empty() : Optional.of(seededRecord(i));
  }

  /** One page of the records matching all conditions, in key order. */
  public Page query(List<Condition> conditions, long offset, long limit, boolean count) {
    Plan plan = plan(conditions);
    List<Object> segments = segments(plan);
    List<Map<String, Object>> items = new ArrayList<>();
    long skip = offset;
    boolean more = false;
    long total = 0;
    for (Object segment : segments) {
      if (segment instanceof long[] range) {
        if (plan.exact()) {
          long size = range[1] - range[0];
          total += size;
          long start = range[0] + Math.min(skip, size);
          skip -= Math.min(skip, size);
          for (long i = start; i < range[1]; i++) {
            if (items.size() == limit) {
              more = true;
              break;
            }
            items.add(seededRecord(i));
          }
          if (more && !count) {
            break;
          }
        } else {
          for (long i = range[0]; i < range[1]; i++) {
            Map<String, Object> r = seededRecord(i);
            if (plan.predicate().test(r)) {
              total++;
              if (skip > 0) {
                skip--;
              } else if (items.size() < limit) {
                items.add(r);
              } else {
                more = true;
                if (!count) {
                  break;
                }
              }
            }
          }
        }
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) segment;
        total++;
        if (skip > 0) {
          skip--;
        } else if (items.size() < limit) {
          items.add(new LinkedHashMap<>(r));
        } else {
          more = true;
        }
      }
      if (more && !count) {
        break;
      }
    }
    return new Page(items, count ? total : -1, more);
  }

  /** Number of records matching all conditions. */
  public long count(List<Condition> conditions) {
    return query(conditions, 0, 0, true).total();
  }

  /**
   * Creates a record; the key is assigned when the set supports it and none was given.
   *
   * @param undo receives the action that reverts the change, or null
   */
  public Map<String, Object> create(Map<String, Object> values, List<Runnable> undo) {
    synchronized (writeLock) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (String field : definition.fields().keySet()) {
        record.put(field, values.get(field));
      }
      boolean keyMissing =
          definition.keyFields().stream()
              .anyMatch(k -> record.get(k) == null || record.get(k).toString().isBlank());
      if (keyMissing) {
        Map<String, Object> assigned = nextAssignedKey();
        if (assigned == null) {
          throw new StoreException(
              400, "/IWBEP/CM_MGW_RT/003", "Key property '" + missingKey(record) + "' is initial");
        }
        assigned.forEach(
            (k, v) -> {
              if (record.get(k) == null || record.get(k).toString().isBlank()) {
                record.put(k, v);
              }
            });
      }
      String key = definition.canonicalKey(record);
      if (get(key).isPresent()) {
        throw new StoreException(
            409,
            "/IWBEP/CM_MGW_RT/111",
            definition.entityType() + " " + key.replace('|', ' ') + " already exists");
      }
      stamp(record);
      put(key, Optional.of(record), undo);
      return new LinkedHashMap<>(record);
    }
  }

  /**
   * Changes a record. With {@code replace} (PUT) absent properties are cleared, otherwise (PATCH,
   * MERGE) only the given ones change. Key properties never change.
   */
  public Map<String, Object> update(
      String key, Map<String, Object> changes, boolean replace, List<Runnable> undo) {
    synchronized (writeLock) {
      Map<String, Object> record = get(key).orElseThrow(() -> notFound(key));
      for (String field : definition.fields().keySet()) {
        if (definition.keyFields().contains(field)
            || field.equals(definition.changeField())
            || field.equals(definition.changeTimeField())) {
          continue;
        }
        if (changes.containsKey(field)) {
          record.put(field, changes.get(field));
        } else if (replace) {
          record.put(field, null);
        }
      }
      stamp(record);
      put(key, Optional.of(record), undo);
      return new LinkedHashMap<>(record);
    }
  }

  /** Deletes a record. */
  public void delete(String key, List<Runnable> undo) {
    synchronized (writeLock) {
      get(key).orElseThrow(() -> notFound(key));
      put(key, Optional.empty(), undo);
    }
  }

  /** The error for a missing record. */
  public StoreException notFound(String key) {
    return new StoreException(
        404,
        "/IWBEP/CM_MGW_RT/020",
        "Resource not found for segment '" + definition.entityType() + "'");
  }

  private String missingKey(Map<String, Object> record) {
    return definition.keyFields().stream()
        .filter(k -> record.get(k) == null || record.get(k).toString().isBlank())
        .findFirst()
        .orElse("");
  }

  private Map<String, Object> nextAssignedKey() {
    while (true) {
      Map<String, Object> key = generator.assignedKey(assignedSequence.getAndIncrement());
      if (key == null) {
        return null;
      }
      if (get(definition.canonicalKey(key)).isEmpty()) {
        return new HashMap<>(key);
      }
    }
  }

  private void put(String key, Optional<Map<String, Object>> value, List<Runnable> undo) {
    Optional<Map<String, Object>> previous = overlay.put(key, value);
    if (undo != null) {
      undo.add(
          () -> {
            if (previous == null) {
              overlay.remove(key);
            } else {
              overlay.put(key, previous);
            }
          });
    }
  }

  private void stamp(Map<String, Object> record) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plus(1, ChronoUnit.MICROS);
    }
    lastStamp = now;
    FieldType type = definition.type(definition.changeField());
    record.put(
        definition.changeField(),
        type == FieldType.DATE ? LocalDate.ofInstant(now, ZoneOffset.UTC) : now);
    if (definition.changeTimeField() != null) {
      record.put(definition.changeTimeField(), TIME_OF_DAY.format(now));
    }
    record.put(ETAG, etagOf(now));
  }

  private static String etagOf(Instant instant) {
    return "W/\"datetimeoffset'" + ETAG_TIME.format(instant) + "'\"";
  }

  private Map<String, Object> seededRecord(long i) {
    Map<String, Object> r = new LinkedHashMap<>(generator.record(i));
    r.put(ETAG, etagOf(generator.changedAt(i)));
    return r;
  }

  private long generatedIndex(String key) {
    long i = lowerBound(key);
    return i < seeded && generator.keyOf(i).equals(key) ? i : -1;
  }

  /** First seeded index whose key is not below {@code key}. */
  private long lowerBound(String key) {
    return firstIndex(i -> generator.keyOf(i).compareTo(key) >= 0);
  }

  /** First seeded index satisfying a predicate that is monotone in the index. */
  private long firstIndex(LongPredicate p) {
    long lo = 0;
    long hi = seeded;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (p.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private Plan plan(List<Condition> conditions) {
    long lo = 0;
    long hi = seeded;
    boolean exact = true;
    String firstKey = definition.keyFields().get(0);
    for (Condition c : conditions) {
      if (c.field().equals(definition.changeField()) && !c.op().equals("eq")) {
        if (c.op().equals("ne")) {
          exact = false;
          continue;
        }
        Instant x = Condition.toInstant(c.value());
        switch (c.op()) {
          case "gt" -> lo = Math.max(lo, firstIndex(i -> generator.changedAt(i).isAfter(x)));
          case "ge" -> lo = Math.max(lo, firstIndex(i -> !generator.changedAt(i).isBefore(x)));
          case "lt" -> hi = Math.min(hi, firstIndex(i -> !generator.changedAt(i).isBefore(x)));
          default -> hi = Math.min(hi, firstIndex(i -> generator.changedAt(i).isAfter(x)));
        }
      } else if (c.field().equals(firstKey) && c.op().equals("eq") && c.value() != null) {
        String v = c.value().toString();
        long i = lowerBound(v);
        boolean hit =
            i < seeded && (generator.keyOf(i).equals(v) || generator.keyOf(i).startsWith(v + "|"));
        if (hit) {
          lo = Math.max(lo, i);
          hi = Math.min(hi, i + 1);
        } else {
          hi = lo;
        }
      } else {
        exact = false;
      }
    }
    Predicate<Map<String, Object>> predicate = r -> conditions.stream().allMatch(c -> c.test(r));
    return new Plan(lo, Math.max(lo, hi), exact, predicate);
  }

  private List<Object> segments(Plan plan) {
    List<Object> segments = new ArrayList<>();
    long g = plan.lo();
    for (Map.Entry<String, Optional<Map<String, Object>>> e : overlay.entrySet()) {
      long pos = lowerBound(e.getKey());
      long end = Math.min(pos, plan.hi());
      if (end > g) {
        segments.add(new long[] {g, end});
        g = end;
      }
      if (pos < seeded && pos >= g && generator.keyOf(pos).equals(e.getKey())) {
        g = pos + 1;
      }
      if (e.getValue().isPresent() && plan.predicate().test(e.getValue().get())) {
        segments.add(e.getValue().get());
      }
    }
    if (plan.hi() > g) {
      segments.add(new long[] {g, plan.hi()});
    }
    return segments;
  }
}

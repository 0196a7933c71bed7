package com.tgm.erpsync.sandbox.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded business partners in the shape of SAP Business One's {@code BusinessPartners}: customers
 * {@code C000001…} first, then suppliers {@code V000001…} (a fifth of the set), so the key order is
 * the index order. {@code UpdateDate} is a date, {@code UpdateTime} the UTC time of day.
 */
public final class BusinessPartnerGenerator implements RecordGenerator {

  /** Largest number of seeded business partners (six-digit codes per card type). */
  public static final long MAX_COUNT = 1_000_000;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private static final String[] NAMES = {
    "Acme",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Hooli",
    "Vandelay",
    "Wonka",
    "Oscorp"
  };
  private static final String[] FORMS = {"Inc.", "Ltd.", "GmbH", "S.A.", "LLC", "Corp."};
  private static final String[][] PLACES = {
    {"New York", "US"}, {"Chicago", "US"}, {"Houston", "US"}, {"Toronto", "CA"},
    {"London", "GB"}, {"Berlin", "DE"}, {"Madrid", "ES"}, {"Paris", "FR"}
  };

  private final long seed;
  private final long customers;

  /** Generator of {@code count} business partners for the given seed. */
  public BusinessPartnerGenerator(long seed, long count) {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("business partners: 0 to " + MAX_COUNT + ", not " + count);
    }
    this.seed = seed;
    this.customers = count - count / 5;
  }

  /** The entity set definition matching this generator. */
  public static EntitySetDefinition definition() {
    Map<String, FieldType> f = new LinkedHashMap<>();
    f.put("CardCode", FieldType.STRING);
    f.put("CardName", FieldType.STRING);
    f.put("CardType", FieldType.STRING);
    f.put("GroupCode", FieldType.DECIMAL);
    f.put("Phone1", FieldType.STRING);
    f.put("EmailAddress", FieldType.STRING);
    f.put("City", FieldType.STRING);
    f.put("Country", FieldType.STRING);
    f.put("Currency", FieldType.STRING);
    f.put("Valid", FieldType.STRING);
    f.put("CreateDate", FieldType.DATE);
    f.put("UpdateDate", FieldType.DATE);
    f.put("UpdateTime", FieldType.STRING);
    return new EntitySetDefinition(
        "BusinessPartners",
        "BusinessPartner",
        List.of("CardCode"),
        f,
        "UpdateDate",
        false,
        null,
        "UpdateTime");
  }

  @Override
  public String keyOf(long index) {
    return index < customers
        ? String.format("C%06d", index + 1)
        : String.format("V%06d", index - customers + 1);
  }

  /** Midnight of the change date: the store's delta positions work on whole days. */
  @Override
  public Instant changedAt(long index) {
    return Condition.toInstant(LocalDate.ofInstant(changedExactly(index), ZoneOffset.UTC));
  }

  private Instant changedExactly(long index) {
    return SeedRandom.changedAt(seed, 7, index);
  }

  @Override
  public Map<String, Object> record(long index) {
    SplittableRandom r = SeedRandom.of(seed, 7, index);
    Instant changed = changedExactly(index);
    LocalDate changedDate = LocalDate.ofInstant(changed, ZoneOffset.UTC);
    String[] place = SeedRandom.pick(r, PLACES);
    String name =
        SeedRandom.pick(r, NAMES) + " " + (index % 97 + 1) + " " + SeedRandom.pick(r, FORMS);
    boolean customer = index < customers;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("CardCode", keyOf(index));
    m.put("CardName", name);
    m.put("CardType", customer ? "cCustomer" : "cSupplier");
    m.put("GroupCode", java.math.BigDecimal.valueOf(customer ? 100 : 101));
    m.put("Phone1", String.format("+1-555-%04d", r.nextInt(10_000)));
    m.put(
        "EmailAddress",
        name.toLowerCase().replaceAll("[^a-z0-9]+", ".").replaceAll("\\.$", "") + "@example.com");
    m.put("City", place[0]);
    m.put("Country", place[1]);
    m.put("Currency", place[1].equals("US") ? "USD" : "##");
    m.put("Valid", "tYES");
    m.put("CreateDate", changedDate.minusDays(r.nextInt(400)));
    m.put("UpdateDate", changedDate);
    m.put("UpdateTime", TIME.format(changed.atOffset(ZoneOffset.UTC)));
    return m;
  }

  /** Business One needs the client to name the CardCode. */
  @Override
  public Map<String, Object> assignedKey(long sequence) {
    return null;
  }
}

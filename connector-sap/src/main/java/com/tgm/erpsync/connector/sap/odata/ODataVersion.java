package com.tgm.erpsync.connector.sap.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two OData protocol versions SAP Gateway speaks, as far as a connector must tell them apart:
 * the JSON envelope of a collection and an entity, where the ETag and the next link sit, and how a
 * timestamp is written in a {@code $filter}.
 *
 * <p>V2: {@code {"d":{"results":[…],"__count":"42","__next":"…"}}}, entity {@code {"d":{…}}}, ETag
 * in {@code __metadata.etag}, filter literal {@code datetimeoffset'2024-01-01T00:00:00Z'}. V4:
 * {@code {"value":[…],"@odata.count":42,"@odata.nextLink":"…"}}, ETag in {@code @odata.etag},
 * filter literal a bare ISO timestamp.
 */
public enum ODataVersion {
  V2,
  V4;

  private static final Pattern ODATA_V2_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

  /** The records of a collection response. */
  public List<ObjectNode> records(JsonNode body) {
    JsonNode array = this == V2 ? v2Results(body) : body.path("value");
    List<ObjectNode> records = new ArrayList<>();
    if (array.isArray()) {
      for (JsonNode record : array) {
        if (record instanceof ObjectNode object) {
          records.add(object);
        }
      }
    }
    return records;
  }

  /** The entity of a single-entity response (V2 wraps it in {@code d}). */
  public ObjectNode entity(JsonNode body) {
    JsonNode entity = this == V2 && body.has("d") ? body.get("d") : body;
    if (entity instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalArgumentException("the response holds no entity");
  }

  /** The server's link to the next page, or null on the last one. */
  public String nextLink(JsonNode body) {
    JsonNode next = this == V2 ? body.path("d").path("__next") : body.path("@odata.nextLink");
    return next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
  }

  /** The total count the server reported ({@code __count} is a string in V2), or null. */
  public Long count(JsonNode body) {
    JsonNode count = this == V2 ? body.path("d").path("__count") : body.path("@odata.count");
    if (count.isNumber()) {
      return count.asLong();
    }
    if (count.isTextual()) {
      try {
        return Long.parseLong(count.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public String etag(JsonNode entity) {
    JsonNode etag =
        this == V2 ? entity.path("__metadata").path("etag") : entity.path("@odata.etag");
    return etag.isTextual() ? etag.asText() : null;
  }

  /** V2's {@code __metadata.uri} (the entity's canonical address), or null. */
  public String entityUri(JsonNode entity) {
    JsonNode uri = this == V2 ? entity.path("__metadata").path("uri") : entity.path("@odata.id");
    return uri.isTextual() ? uri.asText() : null;
  }

  /**
   * The record's business values: protocol annotations ({@code __metadata}, {@code @odata.*}) and
   * unexpanded navigation properties ({@code __deferred}) removed, expanded ones kept.
   */
  public ObjectNode values(ObjectNode entity) {
    ObjectNode values = entity.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.equals("__metadata")
          || name.startsWith("@")
          || name.contains("@odata.")
          || field.getValue().has("__deferred")) {
        fields.remove();
      }
    }
    return values;
  }

  /** A timestamp as a filter literal of this version. */
  public String timestampLiteral(Instant instant, boolean dateTimeOffset) {
    String iso = DateTimeFormatter.ISO_INSTANT.format(instant);
    if (this == V4) {
      return iso;
    }
    if (dateTimeOffset) {
      return "datetimeoffset'" + iso + "'";
    }
    // Edm.DateTime has no zone: the UTC wall clock without the Z
    return "datetime'" + iso.substring(0, iso.length() - 1) + "'";
  }

  /** A change timestamp as a record carries it: /Date(ms)/ (with an optional offset) or ISO. */
  public static Instant parseTimestamp(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.asText();
    Matcher odata = ODATA_V2_DATE.matcher(text);
    if (odata.matches()) {
      // the milliseconds are UTC; the offset only says which zone the value was entered in
      return Instant.ofEpochMilli(Long.parseLong(odata.group(1)));
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (RuntimeException notOffset) {
        return null;
      }
    }
  }

  private static JsonNode v2Results(JsonNode body) {
    JsonNode d = body.path("d");
    return d.has("results") ? d.get("results") : d;
  }
}

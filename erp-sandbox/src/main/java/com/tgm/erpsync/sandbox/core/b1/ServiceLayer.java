package com.tgm.erpsync.sandbox.core.b1;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.data.Condition;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.data.EntityStore;
import com.tgm.erpsync.sandbox.core.data.FieldType;
import com.tgm.erpsync.sandbox.core.data.StoreException;
import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.QueryString;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.odata.Literals;
import com.tgm.erpsync.sandbox.core.odata.ODataException;
import com.tgm.erpsync.sandbox.core.odata.Transaction;
import com.tgm.erpsync.sandbox.core.odata.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAP Business One Service Layer under {@code /b1s/v1} (OData V3 JSON: {@code odata.*} annotations,
 * numeric error codes, {@code message} as {@code {"lang","value"}}) and {@code /b1s/v2} (OData V4
 * JSON: {@code @odata.*} annotations, error codes and messages as plain strings plus {@code
 * details}). One session serves both versions.
 *
 * <p>Login ({@code POST /Login}) opens a session answered with the {@code B1SESSION} and {@code
 * ROUTEID} cookies; every other call needs a live {@code B1SESSION} (401, code 301, otherwise).
 * Collections page 20 records by default or {@code Prefer: odata.maxpagesize=N} (also {@code
 * B1S-PageSize}), with a next link relative to the service root that repeats the query as sent and
 * sets {@code $skip}; a full page always carries one, so the last full page is followed by an empty
 * one. {@code $filter} takes comparisons joined by {@code and}; {@code $orderby} the key only.
 * Records carry a weak ETag, but writes need no {@code If-Match}.
 */
public final class ServiceLayer {

  /** Path prefix of both versions. */
  public static final String PREFIX = "/b1s/";

  /** Page size when the client states none. */
  public static final int DEFAULT_PAGE_SIZE = 20;

  /** The error code of a missing or timed-out session. */
  public static final int INVALID_SESSION = 301;

  private static final Pattern VERSION = Pattern.compile("^/b1s/(v1|v2)(/.*)?$");
  private static final Pattern RESOURCE =
      Pattern.compile("^([A-Za-z_]\\w*)(?:\\((.*)\\))?(/\\$count)?$");
  private static final Pattern MAX_PAGE = Pattern.compile("odata\\.maxpagesize=(\\d+)");
  private static final Pattern ORDER_BY = Pattern.compile("^\\s*(\\w+)(\\s+asc)?\\s*$");
  private static final String SERVER_VERSION = "1000340";

  /**
   * One entity set and the Business One messages that name its table.
   *
   * @param store the records
   * @param missingKey message of a create without key
   * @param duplicate message of a create whose key exists, given the key
   */
  public record EntitySet(
      EntityStore store, String missingKey, Function<String, String> duplicate) {}

  private enum Version {
    V1,
    V2
  }

  private final Map<String, EntitySet> sets;
  private final Sessions sessions;
  private final String companyDb;
  private final String user;
  private final String password;

  /**
   * A Service Layer over the given entity sets.
   *
   * @param sets entity sets by name
   * @param companyDb the only company database
   * @param user the only user
   * @param password its password
   */
  public ServiceLayer(
      Map<String, EntitySet> sets,
      Sessions sessions,
      String companyDb,
      String user,
      String password) {
    this.sets = Map.copyOf(sets);
    this.sessions = sessions;
    this.companyDb = companyDb;
    this.user = user;
    this.password = password;
  }

  /** Whether the path is the Service Layer's. */
  public static boolean owns(String path) {
    return VERSION.matcher(path).matches();
  }

  /** The open sessions. */
  public Sessions sessions() {
    return sessions;
  }

  /** The call as the journal keeps it: a login's password replaced by asterisks. */
  public static Call forJournal(Call call) {
    if (!owns(call.path()) || !call.path().endsWith("/Login")) {
      return call;
    }
    String masked =
        call.bodyText()
            .replaceAll("(\"Password\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")", "$1***$3");
    return new Call(
        call.method(),
        call.path(),
        call.rawQuery(),
        call.params(),
        call.headers(),
        masked.getBytes(StandardCharsets.UTF_8),
        call.batchPart());
  }

  /** An error in the shape of the version the path names (faults injected by the knobs). */
  public static Reply fault(String path, int status, String message) {
    Matcher m = VERSION.matcher(path);
    Version version = m.matches() && m.group(1).equals("v2") ? Version.V2 : Version.V1;
    return error(version, status, -1, message);
  }

  /** Serves a call under {@code /b1s/}. */
  public Reply handle(Call call, String baseUri, Transaction tx) {
    Matcher m = VERSION.matcher(call.path());
    if (!m.matches()) {
      return Reply.text(404, "Service cannot be reached: " + call.path());
    }
    Version version = m.group(1).equals("v2") ? Version.V2 : Version.V1;
    String root = baseUri + "/b1s/" + m.group(1);
    String rest = m.group(2) == null ? "" : m.group(2).substring(1);
    try {
      if (rest.equals("Login")) {
        requireMethod(call, "POST");
        return login(call, version, root);
      }
      String session = sessionOf(call);
      if (!sessions.touch(session)) {
        throw new ServiceLayerError(
            401, INVALID_SESSION, "Invalid session or session already timeout.");
      }
      if (rest.equals("Logout")) {
        requireMethod(call, "POST");
        sessions.end(session);
        return Reply.empty(204);
      }
      if (rest.isEmpty()) {
        requireMethod(call, "GET");
        return serviceDocument(version, root);
      }
      return resource(call, version, root, rest, tx);
    } catch (ServiceLayerError e) {
      return error(version, e.status(), e.code(), e.getMessage());
    }
  }

  private Reply login(Call call, Version version, String root) {
    JsonNode body;
    try {
      body = Reply.JSON.readTree(call.body());
    } catch (IOException e) {
      throw new ServiceLayerError(400, -1000, "Invalid JSON in request body");
    }
    if (body == null || !body.isObject()) {
      throw new ServiceLayerError(400, -1000, "Invalid JSON in request body");
    }
    if (!companyDb.equals(body.path("CompanyDB").asText(null))) {
      throw new ServiceLayerError(401, -306, "Fail to NONE-SSO login from SLD.");
    }
    if (!user.equals(body.path("UserName").asText(null))
        || !password.equals(body.path("Password").asText(null))) {
      throw new ServiceLayerError(401, -304, "Fail to NONE-SSO login from SLD.");
    }
    String id = sessions.open();
    Map<String, Object> answer = new LinkedHashMap<>();
    if (version == Version.V1) {
      answer.put("odata.metadata", root + "/$metadata#B1Sessions/@Element");
    } else {
      answer.put("@odata.context", root + "/$metadata#B1Sessions/$entity");
    }
    answer.put("SessionId", id);
    answer.put("Version", SERVER_VERSION);
    answer.put("SessionTimeout", sessions.timeout().toMinutes());
    return Reply.json(200, answer)
        .header("Set-Cookie", "B1SESSION=" + id + "; HttpOnly")
        .header("Set-Cookie", "ROUTEID=.node1; path=/b1s");
  }

  private Reply serviceDocument(Version version, String root) {
    List<Map<String, Object>> value = new ArrayList<>();
    for (String name : sets.keySet().stream().sorted().toList()) {
      value.add(Map.of("name", name, "url", name));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(version == Version.V1 ? "odata.metadata" : "@odata.context", root + "/$metadata");
    body.put("value", value);
    return Reply.json(200, body);
  }

  private Reply resource(Call call, Version version, String root, String rest, Transaction tx) {
    Matcher m = RESOURCE.matcher(rest);
    EntitySet set = m.matches() ? sets.get(m.group(1)) : null;
    if (set == null) {
      throw new ServiceLayerError(400, -1, "Service Not Found");
    }
    try {
      if (m.group(2) == null) {
        if (m.group(3) != null) {
          requireMethod(call, "GET");
          long count = set.store().count(filter(call, set.store().definition()));
          return Reply.text(200, Long.toString(count));
        }
        return switch (call.method()) {
          case "GET" -> collection(call, version, root, set.store());
          case "POST" -> create(call, version, root, set, tx);
          default -> throw notAllowed(call);
        };
      }
      String key = key(m.group(2));
      return switch (call.method()) {
        case "GET" -> single(call, version, root, set.store(), key);
        case "PATCH", "PUT" -> update(call, set.store(), key, tx);
        case "DELETE" -> delete(set.store(), key, tx);
        default -> throw notAllowed(call);
      };
    } catch (StoreException e) {
      throw new ServiceLayerError(e.status(), -1, e.getMessage());
    }
  }

  private Reply collection(Call call, Version version, String root, EntityStore store) {
    EntitySetDefinition def = store.definition();
    List<Condition> conditions = filter(call, def);
    Set<String> select = select(call, def);
    orderBy(call, def);
    long top = number(call, "$top", Long.MAX_VALUE);
    long skip = number(call, "$skip", 0);
    Integer preferred = preferredPageSize(call);
    int pageSize = preferred == null ? DEFAULT_PAGE_SIZE : preferred;
    boolean count =
        "allpages".equalsIgnoreCase(call.param("$inlinecount"))
            || "true".equalsIgnoreCase(call.param("$count"));
    long limit = Math.min(top, pageSize);
    EntityStore.Page page = store.query(conditions, skip, limit, count);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> record : page.items()) {
      items.add(entity(version, def, record, select));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String prefix = version == Version.V1 ? "odata." : "@odata.";
    body.put(
        version == Version.V1 ? "odata.metadata" : "@odata.context",
        root + "/$metadata#" + def.entitySet());
    if (count) {
      body.put(prefix + "count", page.total());
    }
    body.put("value", items);
    if (items.size() == limit && limit < top) {
      Map<String, String> params = new LinkedHashMap<>(call.params());
      params.remove("$skip");
      params.remove("$top");
      if (top != Long.MAX_VALUE) {
        params.put("$top", Long.toString(top - items.size()));
      }
      params.put("$skip", Long.toString(skip + items.size()));
      body.put(prefix + "nextLink", def.entitySet() + "?" + QueryString.build(params));
    }
    Reply reply = Reply.json(200, body);
    if (preferred != null) {
      reply.header("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }
    return reply;
  }

  private Reply single(Call call, Version version, String root, EntityStore store, String key) {
    EntitySetDefinition def = store.definition();
    Map<String, Object> record =
        store
            .get(key)
            .orElseThrow(
                () -> new ServiceLayerError(404, -2028, "No matching records found (ODBC -2028)"));
    return entityReply(200, version, root, def, record, select(call, def));
  }

  private Reply create(Call call, Version version, String root, EntitySet set, Transaction tx) {
    EntitySetDefinition def = set.store().definition();
    Map<String, Object> values = body(call, def);
    String keyField = def.keyFields().get(0);
    Object key = values.get(keyField);
    if (key == null || key.toString().isBlank()) {
      throw new ServiceLayerError(400, -5002, set.missingKey());
    }
    values.remove(def.changeField());
    values.remove(def.changeTimeField());
    Map<String, Object> created;
    try {
      created = set.store().create(values, tx.undoLog());
    } catch (StoreException e) {
      if (e.status() == 409) {
        throw new ServiceLayerError(400, -10, set.duplicate().apply(key.toString()));
      }
      throw e;
    }
    Reply reply = entityReply(201, version, root, def, created, Set.of());
    return reply.header("Location", root + "/" + def.entitySet() + "(" + literal(key) + ")");
  }

  private Reply update(Call call, EntityStore store, String key, Transaction tx) {
    EntitySetDefinition def = store.definition();
    if (store.get(key).isEmpty()) {
      throw new ServiceLayerError(
          404, -2028, "Entity with value(" + literal(key) + ") does not exist");
    }
    store.update(key, body(call, def), call.method().equals("PUT"), tx.undoLog());
    return Reply.empty(204);
  }

  private Reply delete(EntityStore store, String key, Transaction tx) {
    if (store.get(key).isEmpty()) {
      throw new ServiceLayerError(
          404, -2028, "Entity with value(" + literal(key) + ") does not exist");
    }
    store.delete(key, tx.undoLog());
    return Reply.empty(204);
  }

  private Reply entityReply(
      int status,
      Version version,
      String root,
      EntitySetDefinition def,
      Map<String, Object> record,
      Set<String> select) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (version == Version.V1) {
      body.put("odata.metadata", root + "/$metadata#" + def.entitySet() + "/@Element");
    } else {
      body.put("@odata.context", root + "/$metadata#" + def.entitySet() + "/$entity");
    }
    body.putAll(entity(version, def, record, select));
    return Reply.json(status, body).header("ETag", etag(def, record));
  }

  private static Map<String, Object> entity(
      Version version, EntitySetDefinition def, Map<String, Object> record, Set<String> select) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put(version == Version.V1 ? "odata.etag" : "@odata.etag", etag(def, record));
    for (Map.Entry<String, FieldType> f : def.fields().entrySet()) {
      if (select.isEmpty() || select.contains(f.getKey())) {
        e.put(f.getKey(), json(version, f.getValue(), record.get(f.getKey())));
      }
    }
    return e;
  }

  /** Dates as Service Layer writes them: {@code 2024-01-15} in v1, with midnight UTC in v2. */
  private static Object json(Version version, FieldType type, Object value) {
    if (value instanceof LocalDate d) {
      return version == Version.V1 ? d.toString() : d + "T00:00:00Z";
    }
    return value;
  }

  /** A weak ETag that changes with every write of the record. */
  private static String etag(EntitySetDefinition def, Map<String, Object> record) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-1");
      byte[] digest =
          sha.digest(
              (def.canonicalKey(record) + "|" + record.get(EntityStore.ETAG))
                  .getBytes(StandardCharsets.UTF_8));
      return "W/\"" + HexFormat.of().withUpperCase().formatHex(digest) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }

  private Map<String, Object> body(Call call, EntitySetDefinition def) {
    JsonNode node;
    try {
      node = Reply.JSON.readTree(call.body());
    } catch (IOException e) {
      throw new ServiceLayerError(400, -1000, "Invalid JSON in request body");
    }
    if (node == null || !node.isObject()) {
      throw new ServiceLayerError(400, -1000, "Invalid JSON in request body");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String name = e.getKey();
      if (name.startsWith("odata.") || name.startsWith("@odata.")) {
        continue;
      }
      FieldType type = def.type(name);
      if (type == null) {
        throw new ServiceLayerError(
            400, -1000, "Property '" + name + "' of '" + def.entityType() + "' is invalid");
      }
      try {
        values.put(name, value(type, e.getValue()));
      } catch (DateTimeParseException | NumberFormatException ex) {
        throw new ServiceLayerError(
            400, -1000, "Value of property '" + name + "' is invalid: " + e.getValue());
      }
    }
    return values;
  }

  private static Object value(FieldType type, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return switch (type) {
      case DECIMAL -> new BigDecimal(node.asText());
      case DATE -> LocalDate.ofInstant(Values.parseInstant(node.asText()), ZoneOffset.UTC);
      case TIMESTAMP -> Values.parseInstant(node.asText());
      case BOOLEAN -> node.asBoolean();
      case STRING -> node.asText();
    };
  }

  private static List<Condition> filter(Call call, EntitySetDefinition def) {
    String filter = call.param("$filter");
    try {
      return Literals.parseFilter(filter, def);
    } catch (ODataException e) {
      if (e.code().endsWith("/021")) {
        String property = e.getMessage().replaceAll("^Property '(.*)' not found$", "$1");
        throw new ServiceLayerError(400, 201, "Property '" + property + "' is invalid");
      }
      throw new ServiceLayerError(400, 201, "Query string error - Invalid filter condition");
    } catch (RuntimeException e) {
      throw new ServiceLayerError(400, 201, "Query string error - Invalid filter condition");
    }
  }

  private static Set<String> select(Call call, EntitySetDefinition def) {
    String s = call.param("$select");
    Set<String> out = new LinkedHashSet<>();
    if (s == null || s.isBlank() || s.trim().equals("*")) {
      return out;
    }
    for (String name : s.split(",")) {
      String n = name.trim();
      if (def.type(n) == null) {
        throw new ServiceLayerError(400, 201, "Property '" + n + "' is invalid");
      }
      out.add(n);
    }
    return out;
  }

  /** Records come in key order; an {@code $orderby} asking for another order is refused. */
  private static void orderBy(Call call, EntitySetDefinition def) {
    String s = call.param("$orderby");
    if (s == null || s.isBlank()) {
      return;
    }
    Matcher m = ORDER_BY.matcher(s);
    if (!m.matches() || !m.group(1).equals(def.keyFields().get(0))) {
      throw new ServiceLayerError(
          400, 201, "Query string error - $orderby '" + s + "' is not supported by this sandbox");
    }
  }

  private static Integer preferredPageSize(Call call) {
    String prefer = call.header("Prefer");
    if (prefer != null) {
      Matcher pm = MAX_PAGE.matcher(prefer);
      if (pm.find()) {
        return Math.max(1, Integer.parseInt(pm.group(1)));
      }
    }
    String b1 = call.header("B1S-PageSize");
    if (b1 != null && b1.trim().matches("\\d+")) {
      return Math.max(1, Integer.parseInt(b1.trim()));
    }
    return null;
  }

  private static long number(Call call, String name, long fallback) {
    String s = call.param(name);
    if (s == null || s.isBlank()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ServiceLayerError(400, 201, "Query string error - Invalid " + name + " value");
    }
  }

  private static String key(String predicate) {
    String p = predicate.trim();
    if (p.length() >= 2 && p.startsWith("'") && p.endsWith("'")) {
      return p.substring(1, p.length() - 1).replace("''", "'");
    }
    return p;
  }

  private static String literal(Object key) {
    return "'" + key.toString().replace("'", "''") + "'";
  }

  private static void requireMethod(Call call, String method) {
    if (!call.method().equals(method)) {
      throw notAllowed(call);
    }
  }

  private static ServiceLayerError notAllowed(Call call) {
    return new ServiceLayerError(405, -1, "Method " + call.method() + " is not allowed");
  }

  private static String sessionOf(Call call) {
    List<String> cookies = call.headers().get("Cookie");
    if (cookies == null) {
      return null;
    }
    for (String c : String.join("; ", cookies).split(";")) {
      String[] kv = c.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("B1SESSION")) {
        return kv[1];
      }
    }
    return null;
  }

  private static Reply error(Version version, int status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    if (version == Version.V1) {
      error.put("code", code);
      Map<String, Object> text = new LinkedHashMap<>();
      text.put("lang", "en-us");
      text.put("value", message);
      error.put("message", text);
    } else {
      error.put("code", Integer.toString(code));
      error.put("message", message);
      error.put("details", List.of(Map.of("code", "", "message", "")));
    }
    return Reply.json(status, Map.of("error", error));
  }
}

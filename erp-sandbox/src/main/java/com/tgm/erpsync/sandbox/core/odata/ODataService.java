package com.tgm.erpsync.sandbox.core.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.data.Condition;
import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import com.tgm.erpsync.sandbox.core.data.EntityStore;
import com.tgm.erpsync.sandbox.core.data.FieldType;
import com.tgm.erpsync.sandbox.core.data.StoreException;
import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.QueryString;
import com.tgm.erpsync.sandbox.core.http.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OData service (V2 or V4) over a set of entity stores: service document, {@code $metadata},
 * queries, single reads, writes with ETags and {@code $batch}.
 */
public final class ODataService {

  private static final Pattern RESOURCE =
      Pattern.compile("^([A-Za-z_]\\w*)(?:\\((.*)\\))?(/\\$count)?$");
  private static final Pattern MAX_PAGE = Pattern.compile("odata\\.maxpagesize=(\\d+)");

  /**
   * What a service serves.
   *
   * @param root service root path, without trailing slash
   * @param flavor protocol version
   * @param serviceId technical service name used in errors
   * @param namespace schema namespace used in entity types
   * @param sets entity stores by entity set name
   */
  public record Spec(
      String root,
      Flavor flavor,
      String serviceId,
      String namespace,
      Map<String, EntityStore> sets) {}

  private final Spec spec;
  private final int maxPageSize;
  private final boolean absoluteNextLink;
  private final ChangeListener listener;
  private final BatchProcessor batch;

  /**
   * A service.
   *
   * @param maxPageSize largest page the server returns before paging with a next link
   * @param absoluteNextLink whether V4 next links are absolute (V2 links always are)
   * @param batch processor of {@code $batch} requests
   */
  public ODataService(
      Spec spec,
      int maxPageSize,
      boolean absoluteNextLink,
      ChangeListener listener,
      BatchProcessor batch) {
    this.spec = spec;
    this.maxPageSize = maxPageSize;
    this.absoluteNextLink = absoluteNextLink;
    this.listener = listener;
    this.batch = batch;
  }

  public Spec spec() {
    return spec;
  }

  /** Whether the path belongs to this service. */
  public boolean owns(String path) {
    return path.equals(spec.root()) || path.startsWith(spec.root() + "/");
  }

  /** Serves a call (a whole request or one {@code $batch} operation). */
  public Reply handle(Call call, String baseUri, Transaction tx) {
    try {
      return dispatch(call, baseUri, tx);
    } catch (ODataException e) {
      return error(e.status(), e.code(), e.getMessage());
    } catch (StoreException e) {
      return error(e.status(), e.code(), e.getMessage());
    } catch (DateTimeParseException | IllegalArgumentException | ClassCastException e) {
      return error(400, "/IWBEP/CM_MGW_RT/004", "Malformed request: " + e.getMessage());
    }
  }

  /** An error reply in this service's flavor. */
  public Reply error(int status, String code, String message) {
    return ODataErrors.reply(spec.flavor(), spec.serviceId(), status, code, message);
  }

  private Reply dispatch(Call call, String baseUri, Transaction tx) {
    String rest = call.path().substring(spec.root().length());
    if (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    String format = call.param("$format");
    if (format != null && !format.equalsIgnoreCase("json")) {
      throw new ODataException(
          415, "/IWBEP/CM_MGW_RT/030", "Format '" + format + "' is not supported by the sandbox");
    }
    if (rest.isEmpty()) {
      requireRead(call);
      return serviceDocument();
    }
    if (rest.equals("$metadata")) {
      requireRead(call);
      return Reply.bytes(
              200,
              "application/xml",
              Metadata.edmx(spec, spec.flavor()).getBytes(StandardCharsets.UTF_8))
          .header(versionHeader(), versionValue());
    }
    if (rest.equals("$batch")) {
      if (!call.method().equals("POST")) {
        throw new ODataException(405, "/IWBEP/CM_MGW_RT/005", "$batch requires POST");
      }
      return batch.process(this, call, baseUri);
    }
    Matcher m = RESOURCE.matcher(rest);
    EntityStore store = m.matches() ? spec.sets().get(m.group(1)) : null;
    if (store == null) {
      throw new ODataException(
          404, "/IWBEP/CM_MGW_RT/020", "Resource not found for segment '" + rest + "'");
    }
    if (m.group(2) == null) {
      if (m.group(3) != null) {
        requireRead(call);
        long count = store.count(Literals.parseFilter(call.param("$filter"), store.definition()));
        return Reply.text(200, Long.toString(count)).header(versionHeader(), versionValue());
      }
      return switch (call.method()) {
        case "GET", "HEAD" -> collection(call, store, baseUri);
        case "POST" -> create(call, store, baseUri, tx);
        default ->
            throw new ODataException(
                405, "/IWBEP/CM_MGW_RT/005", "Method " + call.method() + " not allowed");
      };
    }
    String key = Literals.canonicalKey(m.group(2), store.definition());
    return switch (call.method()) {
      case "GET", "HEAD" -> single(store, key, call, baseUri);
      case "PUT", "PATCH", "MERGE" -> update(call, store, key, tx);
      case "DELETE" -> delete(call, store, key, tx);
      default ->
          throw new ODataException(
              405, "/IWBEP/CM_MGW_RT/005", "Method " + call.method() + " not allowed");
    };
  }

  private static void requireRead(Call call) {
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      throw new ODataException(
          405, "/IWBEP/CM_MGW_RT/005", "Method " + call.method() + " not allowed");
    }
  }

  private Reply serviceDocument() {
    if (spec.flavor() == Flavor.V2) {
      return json(200, Map.of("d", Map.of("EntitySets", List.copyOf(spec.sets().keySet()))));
    }
    List<Map<String, Object>> sets = new ArrayList<>();
    for (String name : spec.sets().keySet()) {
      sets.add(Map.of("name", name, "url", name));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", "$metadata");
    body.put("value", sets);
    return json(200, body);
  }

  private Reply collection(Call call, EntityStore store, String baseUri) {
    EntitySetDefinition def = store.definition();
    List<Condition> conditions = Literals.parseFilter(call.param("$filter"), def);
    Set<String> select = select(call, def);
    long top = number(call.param("$top"), Long.MAX_VALUE);
    long offset =
        call.param("$skiptoken") != null
            ? number(call.param("$skiptoken"), 0)
            : number(call.param("$skip"), 0);
    int pageSize = maxPageSize;
    String prefer = call.header("Prefer");
    Integer preferred = null;
    if (prefer != null) {
      Matcher pm = MAX_PAGE.matcher(prefer);
      if (pm.find()) {
        preferred = Integer.parseInt(pm.group(1));
        pageSize = Math.max(1, Math.min(preferred, maxPageSize));
      }
    }
    boolean count =
        spec.flavor() == Flavor.V2
            ? "allpages".equalsIgnoreCase(call.param("$inlinecount"))
            : "true".equalsIgnoreCase(call.param("$count"));
    long limit = Math.min(top, pageSize);
    EntityStore.Page page = store.query(conditions, offset, limit, count);
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> record : page.items()) {
      items.add(entity(def, record, select, baseUri));
    }
    String next = null;
    if (page.more() && limit < top) {
      Map<String, String> params = new LinkedHashMap<>(call.params());
      params.remove("$skip");
      params.remove("$skiptoken");
      params.remove("$top");
      if (top != Long.MAX_VALUE) {
        params.put("$top", Long.toString(top - items.size()));
      }
      params.put("$skiptoken", Long.toString(offset + items.size()));
      String relative = def.entitySet() + "?" + QueryString.build(params);
      next =
          spec.flavor() == Flavor.V2 || absoluteNextLink
              ? baseUri + spec.root() + "/" + relative
              : relative;
    }
    Reply reply;
    if (spec.flavor() == Flavor.V2) {
      Map<String, Object> d = new LinkedHashMap<>();
      if (count) {
        d.put("__count", Long.toString(page.total()));
      }
      d.put("results", items);
      if (next != null) {
        d.put("__next", next);
      }
      reply = json(200, Map.of("d", d));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("@odata.context", "$metadata#" + def.entitySet());
      if (count) {
        body.put("@odata.count", page.total());
      }
      body.put("value", items);
      if (next != null) {
        body.put("@odata.nextLink", next);
      }
      reply = json(200, body);
    }
    if (preferred != null) {
      reply.header("Preference-Applied", "odata.maxpagesize=" + pageSize);
    }
    return reply;
  }

  private Reply single(EntityStore store, String key, Call call, String baseUri) {
    EntitySetDefinition def = store.definition();
    Map<String, Object> record = store.get(key).orElseThrow(() -> store.notFound(key));
    return entityReply(200, def, record, select(call, def), baseUri);
  }

  private Reply entityReply(
      int status,
      EntitySetDefinition def,
      Map<String, Object> record,
      Set<String> select,
      String baseUri) {
    Map<String, Object> entity = entity(def, record, select, baseUri);
    Reply reply;
    if (spec.flavor() == Flavor.V2) {
      reply = json(status, Map.of("d", entity));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("@odata.context", "$metadata#" + def.entitySet() + "/$entity");
      body.putAll(entity);
      reply = json(status, body);
    }
    return reply.header("ETag", (String) record.get(EntityStore.ETAG));
  }

  private Reply create(Call call, EntityStore store, String baseUri, Transaction tx) {
    EntitySetDefinition def = store.definition();
    Map<String, Object> values = parseBody(call, def);
    Map<String, Object> created = store.create(values, tx.undoLog());
    notify(tx, def, "Created", created);
    Reply reply = entityReply(201, def, created, Set.of(), baseUri);
    return reply.header("Location", entityUri(def, created, baseUri));
  }

  private Reply update(Call call, EntityStore store, String key, Transaction tx) {
    EntitySetDefinition def = store.definition();
    Map<String, Object> current = store.get(key).orElseThrow(() -> store.notFound(key));
    checkIfMatch(call, def, current);
    Map<String, Object> changes = parseBody(call, def);
    Map<String, Object> updated =
        store.update(key, changes, call.method().equals("PUT"), tx.undoLog());
    notify(tx, def, "Changed", updated);
    return Reply.empty(204)
        .header("ETag", (String) updated.get(EntityStore.ETAG))
        .header(versionHeader(), versionValue());
  }

  private Reply delete(Call call, EntityStore store, String key, Transaction tx) {
    EntitySetDefinition def = store.definition();
    Map<String, Object> current = store.get(key).orElseThrow(() -> store.notFound(key));
    checkIfMatch(call, def, current);
    store.delete(key, tx.undoLog());
    notify(tx, def, "Deleted", current);
    return Reply.empty(204).header(versionHeader(), versionValue());
  }

  private void notify(
      Transaction tx, EntitySetDefinition def, String operation, Map<String, Object> record) {
    Map<String, Object> key = def.keyValues(record);
    tx.afterCommit(() -> listener.changed(def, operation, key));
  }

  private static void checkIfMatch(
      Call call, EntitySetDefinition def, Map<String, Object> current) {
    String ifMatch = call.header("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      if (def.ifMatchRequired()) {
        throw new ODataException(
            428,
            "/IWBEP/CM_MGW_RT/191",
            "Precondition required: send the entity's ETag in If-Match");
      }
      return;
    }
    String etag = (String) current.get(EntityStore.ETAG);
    if (!ifMatch.trim().equals("*") && !ifMatch.trim().equals(etag)) {
      throw new ODataException(
          412,
          "/IWBEP/CM_MGW_RT/022",
          "Precondition failed: the entity was changed since it was read (ETag mismatch)");
    }
  }

  private Map<String, Object> parseBody(Call call, EntitySetDefinition def) {
    JsonNode node;
    try {
      node = Reply.JSON.readTree(call.body());
    } catch (IOException e) {
      throw new ODataException(400, "/IWBEP/CM_MGW_RT/004", "Malformed JSON in request body");
    }
    if (node == null || !node.isObject()) {
      throw new ODataException(400, "/IWBEP/CM_MGW_RT/004", "Request body must be a JSON object");
    }
    if (node.has("d") && node.size() == 1 && node.get("d").isObject()) {
      node = node.get("d");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String name = e.getKey();
      if (name.startsWith("__") || name.startsWith("@")) {
        continue;
      }
      FieldType type = def.type(name);
      if (type == null) {
        throw new ODataException(
            400,
            "/IWBEP/CM_MGW_RT/021",
            "Property '" + name + "' is invalid for entity type '" + def.entityType() + "'");
      }
      values.put(name, Values.fromJson(type, e.getValue()));
    }
    return values;
  }

  private Set<String> select(Call call, EntitySetDefinition def) {
    String s = call.param("$select");
    Set<String> out = new LinkedHashSet<>();
    if (s == null || s.isBlank() || s.trim().equals("*")) {
      return out;
    }
    for (String name : s.split(",")) {
      String n = name.trim();
      if (def.type(n) == null) {
        throw new ODataException(400, "/IWBEP/CM_MGW_RT/021", "Property '" + n + "' not found");
      }
      out.add(n);
    }
    return out;
  }

  private Map<String, Object> entity(
      EntitySetDefinition def, Map<String, Object> record, Set<String> select, String baseUri) {
    Map<String, Object> e = new LinkedHashMap<>();
    String etag = (String) record.get(EntityStore.ETAG);
    if (spec.flavor() == Flavor.V2) {
      String uri = entityUri(def, record, baseUri);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("id", uri);
      meta.put("uri", uri);
      meta.put("type", spec.namespace() + "." + def.entityType());
      meta.put("etag", etag);
      e.put("__metadata", meta);
    } else {
      e.put("@odata.etag", etag);
    }
    for (Map.Entry<String, FieldType> f : def.fields().entrySet()) {
      if (select.isEmpty() || select.contains(f.getKey())) {
        e.put(f.getKey(), Values.toJson(spec.flavor(), f.getValue(), record.get(f.getKey())));
      }
    }
    return e;
  }

  /** Absolute URI of an entity, with its key predicate. */
  public String entityUri(EntitySetDefinition def, Map<String, Object> record, String baseUri) {
    List<String> parts = new ArrayList<>();
    for (String k : def.keyFields()) {
      String literal = Values.toLiteral(spec.flavor(), def.type(k), record.get(k));
      parts.add(def.keyFields().size() == 1 ? literal : k + "=" + literal);
    }
    String predicate = String.join(",", parts).replace(":", "%3A").replace(" ", "%20");
    return baseUri + spec.root() + "/" + def.entitySet() + "(" + predicate + ")";
  }

  private Reply json(int status, Object body) {
    return Reply.json(status, body).header(versionHeader(), versionValue());
  }

  private String versionHeader() {
    return spec.flavor() == Flavor.V2 ? "dataserviceversion" : "OData-Version";
  }

  private String versionValue() {
    return spec.flavor() == Flavor.V2 ? "2.0" : "4.0";
  }

  private static long number(String s, long fallback) {
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
      throw new ODataException(
          400, "/IWBEP/CM_MGW_RT/004", "Invalid system query option value '" + s + "'");
    }
  }
}

package com.tgm.erpsync.connector.sap.odata;

import com.tgm.erpsync.connector.sap.odata.KeyPredicate.Kind;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a mapping's {@code erpEntityName} lives on an SAP Gateway: the OData service root, the
 * entity set, the protocol version and, when known, the key fields with their literal kinds.
 *
 * <p>The name is read in one of three forms:
 *
 * <ul>
 *   <li>an SAP API entity set by its name alone, {@code Equipment}: the released S/4HANA OData V2
 *       API that serves it ({@code API_EQUIPMENT}), from the catalogue below; on ECC, where
 *       released APIs do not exist, the service named by {@code connectionSettings.odataService};
 *   <li>a V2 service and entity set, {@code API_EQUIPMENT/Equipment} or {@code
 *       ZPM_EQUIPMENT_SRV/EquipmentSet} (custom SEGW services on ECC);
 *   <li>a V4 service path under {@code /sap/opu/odata4/sap/}, {@code
 *       api_equipment/srvd_a2x/sap/equipment/0001/Equipment}.
 * </ul>
 *
 * The host comes from the connection's baseUrl (everything before {@code /sap/}), so the guide's V4
 * root {@code https://host/sap/opu/odata4/sap} serves both versions.
 */
public record SapEntitySet(
    URI serviceRoot, String entitySet, ODataVersion version, Map<String, Kind> keyFields) {

  private static final String V2_ROOT = "/sap/opu/odata/sap/";
  private static final String V4_ROOT = "/sap/opu/odata4/sap/";

  /** Released S/4HANA APIs by entity set: service and key fields. */
  private static final Map<String, Api> CATALOGUE =
      Map.of(
          "Equipment",
              new Api(
                  "API_EQUIPMENT",
                  keys("Equipment", Kind.STRING, "ValidityEndDate", Kind.DATETIME)),
          "FunctionalLocation",
              new Api("API_FUNCTIONALLOCATION", keys("FunctionalLocation", Kind.STRING)),
          "MaintenanceOrder",
              new Api("API_MAINTENANCEORDER", keys("MaintenanceOrder", Kind.STRING)),
          "MaintenanceNotification",
              new Api("API_MAINTNOTIFICATION", keys("MaintenanceNotification", Kind.STRING)),
          "A_BusinessPartner",
              new Api("API_BUSINESS_PARTNER", keys("BusinessPartner", Kind.STRING)),
          "A_Product", new Api("API_PRODUCT_SRV", keys("Product", Kind.STRING)));

  private record Api(String service, Map<String, Kind> keys) {}

  /**
   * Resolves the name against the connection; empty with the reason when it cannot be (an ECC
   * connection naming a bare entity set without {@code connectionSettings.odataService}).
   */
  public static Resolution resolve(ConnectionSnapshot connection, String erpEntityName) {
    String host = host(connection.baseUrl());
    String name = erpEntityName.strip();
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    if (name.startsWith("sap/opu/odata4/sap/")) {
      name = name.substring("sap/opu/odata4/sap/".length());
    } else if (name.startsWith("sap/opu/odata/sap/")) {
      name = name.substring("sap/opu/odata/sap/".length());
    }
    int slash = name.lastIndexOf('/');
    if (name.contains("/srvd_a2x/") || name.chars().filter(c -> c == '/').count() > 1) {
      String set = name.substring(slash + 1);
      Map<String, Kind> keys = catalogueKeys(set);
      return Resolution.of(
          new SapEntitySet(
              URI.create(host + V4_ROOT + name.substring(0, slash + 1)),
              set,
              ODataVersion.V4,
              keys));
    }
    if (slash > 0) {
      String service = name.substring(0, slash);
      String set = name.substring(slash + 1);
      return Resolution.of(
          new SapEntitySet(
              URI.create(host + V2_ROOT + service + "/"),
              set,
              ODataVersion.V2,
              catalogueKeys(set)));
    }
    String configured = setting(connection, "odataService");
    if (configured != null) {
      return Resolution.of(
          new SapEntitySet(
              URI.create(host + V2_ROOT + configured + "/"),
              name,
              ODataVersion.V2,
              catalogueKeys(name)));
    }
    Api api = CATALOGUE.get(name);
    if (api == null || connection.erpType() == ErpType.SAP_ECC) {
      return Resolution.failed(
          "SAP entity set '"
              + name
              + "' needs its OData service: write the mapping's erpEntityName as"
              + " SERVICE/EntitySet (e.g. ZPM_EQUIPMENT_SRV/EquipmentSet) or set"
              + " connectionSettings.odataService");
    }
    return Resolution.of(
        new SapEntitySet(
            URI.create(host + V2_ROOT + api.service() + "/"), name, ODataVersion.V2, api.keys()));
  }

  /** The same entity set with its key fields known (from the service's $metadata). */
  public SapEntitySet withKeyFields(Map<String, Kind> keys) {
    return new SapEntitySet(serviceRoot, entitySet, version, keys);
  }

  /** The entity set's collection address. */
  public URI collection() {
    return serviceRoot.resolve(entitySet);
  }

  /** The address of one entity by its key. */
  public URI entity(Map<String, String> key) {
    // concatenated, not resolved: "Equipment(…T00:00…)" would read as a URI scheme
    return URI.create(
        serviceRoot
            + entitySet
            + encodePath(KeyPredicate.format(version, ordered(key), keyFields)));
  }

  /** Whether a key names exactly the entity set's key fields (so it addresses the entity). */
  public boolean isEntityKey(Map<String, String> key) {
    return key != null && !keyFields.isEmpty() && key.keySet().equals(keyFields.keySet());
  }

  private Map<String, String> ordered(Map<String, String> key) {
    Map<String, String> ordered = new LinkedHashMap<>();
    keyFields
        .keySet()
        .forEach(
            field -> {
              if (key.containsKey(field)) {
                ordered.put(field, key.get(field));
              }
            });
    key.forEach(ordered::putIfAbsent);
    return ordered;
  }

  static String encodePath(String predicate) {
    StringBuilder out = new StringBuilder();
    for (char c : predicate.toCharArray()) {
      if (Character.isLetterOrDigit(c) || "()',=-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('%').append(String.format("%02X", b));
        }
      }
    }
    return out.toString();
  }

  static String host(String baseUrl) {
    String base = baseUrl.strip();
    int sap = base.indexOf("/sap/");
    String host = sap >= 0 ? base.substring(0, sap) : base;
    return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }

  static String setting(ConnectionSnapshot connection, String name) {
    Map<String, Object> settings = connection.connectionSettings();
    Object value = settings == null ? null : settings.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static Map<String, Kind> catalogueKeys(String set) {
    return Optional.ofNullable(CATALOGUE.get(set)).map(Api::keys).orElse(Map.of());
  }

  private static Map<String, Kind> keys(Object... pairs) {
    Map<String, Kind> keys = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      keys.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return keys;
  }

  /** An entity set, or why the name could not be resolved. */
  public record Resolution(SapEntitySet entitySet, String problem) {
    static Resolution of(SapEntitySet set) {
      return new Resolution(set, null);
    }

    static Resolution failed(String problem) {
      return new Resolution(null, problem);
    }
  }
}

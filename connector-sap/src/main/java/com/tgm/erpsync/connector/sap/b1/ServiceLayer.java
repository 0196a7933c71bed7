package com.tgm.erpsync.connector.sap.b1;

import com.tgm.erpsync.connector.kit.http.ConnectionSettings;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how one connection's Service Layer is addressed: the service root from the baseUrl
 * ({@code https://host:50000/b1s/v1} or {@code …/b1s/v2}; a bare host gets {@code /b1s/v1}), the
 * version, the company database and the key field of each entity set.
 */
record ServiceLayer(URI root, boolean v2, String companyDb, ZoneId zone) {

  /** Setting naming the company database ({@code CompanyDB} of the login). */
  static final String COMPANY_DB = "companyDb";

  /** Setting naming the time zone of the company's UpdateDate/UpdateTime (default UTC). */
  static final String TIME_ZONE = "timeZone";

  private static final Map<String, String> KEY_FIELDS =
      Map.ofEntries(
          Map.entry("BusinessPartners", "CardCode"),
          Map.entry("Items", "ItemCode"),
          Map.entry("Warehouses", "WarehouseCode"),
          Map.entry("CustomerEquipmentCards", "EquipmentCardNum"),
          Map.entry("ServiceCalls", "ServiceCallID"),
          Map.entry("EmployeesInfo", "EmployeeID"),
          Map.entry("Orders", "DocEntry"),
          Map.entry("PurchaseOrders", "DocEntry"),
          Map.entry("Invoices", "DocEntry"),
          Map.entry("Quotations", "DocEntry"));

  private static final Set<String> NUMERIC_KEYS =
      Set.of("EquipmentCardNum", "ServiceCallID", "EmployeeID", "DocEntry");

  /** The connection's Service Layer, or empty with the reason in {@code problem}. */
  static Optional<ServiceLayer> of(ConnectionSnapshot connection, StringBuilder problem) {
    String base = connection.baseUrl() == null ? "" : connection.baseUrl().strip();
    if (base.isEmpty()) {
      problem.append("The connection has no baseUrl (e.g. https://host:50000/b1s/v1)");
      return Optional.empty();
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.matches(".*/b1s/v[12]$")) {
      base = base + "/b1s/v1";
    }
    Optional<String> company = ConnectionSettings.text(connection, COMPANY_DB);
    if (company.isEmpty()) {
      problem.append(
          "connectionSettings." + COMPANY_DB + " must name the Business One company database");
      return Optional.empty();
    }
    ZoneId zone = ZoneOffset.UTC;
    Optional<String> zoneName = ConnectionSettings.text(connection, TIME_ZONE);
    if (zoneName.isPresent()) {
      try {
        zone = ZoneId.of(zoneName.get());
      } catch (DateTimeException e) {
        problem.append(
            "connectionSettings." + TIME_ZONE + " is not a time zone: " + zoneName.get());
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          new ServiceLayer(URI.create(base), base.endsWith("/v2"), company.get(), zone));
    } catch (IllegalArgumentException e) {
      problem.append("The baseUrl is not a URL: " + connection.baseUrl());
      return Optional.empty();
    }
  }

  /** The key field of an entity set: the known ones, else {@code Code} (user-defined tables). */
  static String keyField(String entitySet) {
    return KEY_FIELDS.getOrDefault(entitySet, "Code");
  }

  /** A path below the service root, e.g. {@code Login} or {@code BusinessPartners}. */
  URI resolve(String path) {
    return URI.create(root + "/" + path);
  }

  /** The entity's address: {@code BusinessPartners('C00001')}, {@code Orders(15)}. */
  URI entity(String entitySet, String keyField, String key) {
    String literal =
        NUMERIC_KEYS.contains(keyField) && key.matches("-?\\d+")
            ? key
            : "'" + key.replace("'", "''") + "'";
    return URI.create(root + "/" + entitySet + "(" + encode(literal) + ")");
  }

  /** Percent-encoding for paths and query values, keeping OData's readable characters. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%24", "$")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%2C", ",")
        .replace("%3A", ":");
  }

  /** The annotation prefix of this version: {@code odata.} (v1) or {@code @odata.} (v2). */
  String annotation(String name) {
    return (v2 ? "@odata." : "odata.") + name;
  }
}

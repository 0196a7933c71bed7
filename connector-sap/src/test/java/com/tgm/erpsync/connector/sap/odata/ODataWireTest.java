package com.tgm.erpsync.connector.sap.odata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.connector.sap.odata.KeyPredicate.Kind;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OData details SAP Gateway is strict about: envelopes, key predicates, literals, addresses.
 */
class ODataWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsTheV2Envelope() throws Exception {
    JsonNode body =
        JSON.readTree(
            """
            {"d":{"__count":"10000","__next":"https://sap/sap/opu/odata/sap/API_EQUIPMENT/Equipment?$skiptoken=1000",
             "results":[{"__metadata":{"id":"x","uri":"https://sap/sap/opu/odata/sap/API_EQUIPMENT/Equipment(Equipment='10000000',ValidityEndDate=datetime'9999-12-31T00%3A00%3A00')",
               "type":"API_EQUIPMENT.A_EquipmentType","etag":"W/\\"datetimeoffset'2024-01-15T08%3A00%3A00.0000000Z'\\""},
               "Equipment":"10000000","EquipmentName":"Pump","GrossWeight":"7.400",
               "LastChangeDateTime":"/Date(1705305600000+0000)/",
               "to_Classification":{"__deferred":{"uri":"…"}}}]}}
            """);
    List<ObjectNode> records = ODataVersion.V2.records(body);
    assertThat(records).hasSize(1);
    assertThat(ODataVersion.V2.count(body)).isEqualTo(10_000L);
    assertThat(ODataVersion.V2.nextLink(body)).endsWith("$skiptoken=1000");
    ObjectNode record = records.get(0);
    assertThat(ODataVersion.V2.etag(record)).startsWith("W/\"datetimeoffset'");
    ObjectNode values = ODataVersion.V2.values(record);
    assertThat(values.has("__metadata")).isFalse();
    assertThat(values.has("to_Classification")).isFalse();
    assertThat(values.get("GrossWeight").asText()).isEqualTo("7.400");
    assertThat(ODataVersion.parseTimestamp(record.get("LastChangeDateTime")))
        .isEqualTo(Instant.parse("2024-01-15T08:00:00Z"));

    Map<String, Kind> kinds = new LinkedHashMap<>();
    Map<String, String> key =
        KeyPredicate.parse(ODataVersion.V2.entityUri(record), "Equipment", kinds);
    assertThat(key)
        .containsExactly(
            Map.entry("Equipment", "10000000"),
            Map.entry("ValidityEndDate", "9999-12-31T00:00:00"));
    assertThat(kinds).containsEntry("ValidityEndDate", Kind.DATETIME);
  }

  @Test
  void readsTheV4Envelope() throws Exception {
    JsonNode body =
        JSON.readTree(
            """
            {"@odata.context":"$metadata#Equipment","@odata.count":42,
             "@odata.nextLink":"Equipment?$skiptoken=2",
             "value":[{"@odata.etag":"W/\\"20240115080000\\"","Equipment":"1","GrossWeight":7.4,
               "LastChangeDateTime":"2024-01-15T08:00:00Z"}]}
            """);
    assertThat(ODataVersion.V4.count(body)).isEqualTo(42L);
    assertThat(ODataVersion.V4.nextLink(body)).isEqualTo("Equipment?$skiptoken=2");
    ObjectNode record = ODataVersion.V4.records(body).get(0);
    assertThat(ODataVersion.V4.etag(record)).isEqualTo("W/\"20240115080000\"");
    assertThat(ODataVersion.V4.values(record).fieldNames())
        .toIterable()
        .containsExactly("Equipment", "GrossWeight", "LastChangeDateTime");
  }

  @Test
  void writesKeyPredicatesAndFilterLiteralsPerVersion() {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("Equipment", "O'Brien 1");
    key.put("ValidityEndDate", "9999-12-31T00:00:00");
    Map<String, Kind> kinds = Map.of("Equipment", Kind.STRING, "ValidityEndDate", Kind.DATETIME);
    assertThat(KeyPredicate.format(ODataVersion.V2, key, kinds))
        .isEqualTo("(Equipment='O''Brien 1',ValidityEndDate=datetime'9999-12-31T00:00:00')");
    assertThat(KeyPredicate.format(ODataVersion.V2, Map.of("Equnr", "10"), Map.of()))
        .isEqualTo("('10')");

    Instant instant = Instant.parse("2024-01-01T00:00:00Z");
    assertThat(ODataVersion.V2.timestampLiteral(instant, true))
        .isEqualTo("datetimeoffset'2024-01-01T00:00:00Z'");
    assertThat(ODataVersion.V2.timestampLiteral(instant, false))
        .isEqualTo("datetime'2024-01-01T00:00:00'");
    assertThat(ODataVersion.V4.timestampLiteral(instant, true)).isEqualTo("2024-01-01T00:00:00Z");

    Map<String, Kind> parsedKinds = new LinkedHashMap<>();
    assertThat(KeyPredicate.parse("EquipmentSet('O''Brien')", "Equnr", parsedKinds))
        .containsExactly(Map.entry("Equnr", "O'Brien"));
  }

  @Test
  void resolvesEntityNamesToServicesOnTheConnectionsHost() {
    ConnectionSnapshot s4 = connection(ErpType.SAP_S4HANA, Map.of());
    SapEntitySet equipment = SapEntitySet.resolve(s4, "Equipment").entitySet();
    assertThat(equipment.version()).isEqualTo(ODataVersion.V2);
    assertThat(equipment.collection())
        .isEqualTo(URI.create("https://sap.example.com/sap/opu/odata/sap/API_EQUIPMENT/Equipment"));
    assertThat(equipment.keyFields()).containsOnlyKeys("Equipment", "ValidityEndDate");
    assertThat(
            equipment.entity(
                Map.of("Equipment", "10000000", "ValidityEndDate", "9999-12-31T00:00:00")))
        .hasToString(
            "https://sap.example.com/sap/opu/odata/sap/API_EQUIPMENT/Equipment(Equipment='10000000',ValidityEndDate=datetime'9999-12-31T00%3A00%3A00')");

    SapEntitySet v4 =
        SapEntitySet.resolve(s4, "api_equipment/srvd_a2x/sap/equipment/0001/Equipment").entitySet();
    assertThat(v4.version()).isEqualTo(ODataVersion.V4);
    assertThat(v4.collection())
        .isEqualTo(
            URI.create(
                "https://sap.example.com/sap/opu/odata4/sap/api_equipment/srvd_a2x/sap/equipment/0001/Equipment"));

    SapEntitySet custom = SapEntitySet.resolve(s4, "ZPM_EQUIPMENT_SRV/EquipmentSet").entitySet();
    assertThat(custom.collection())
        .isEqualTo(
            URI.create("https://sap.example.com/sap/opu/odata/sap/ZPM_EQUIPMENT_SRV/EquipmentSet"));

    ConnectionSnapshot ecc = connection(ErpType.SAP_ECC, Map.of());
    assertThat(SapEntitySet.resolve(ecc, "EquipmentSet").problem())
        .contains("connectionSettings.odataService");
    ConnectionSnapshot eccWithService =
        connection(ErpType.SAP_ECC, Map.of("odataService", "ZPM_EQUIPMENT_SRV"));
    assertThat(SapEntitySet.resolve(eccWithService, "EquipmentSet").entitySet().collection())
        .isEqualTo(
            URI.create("https://sap.example.com/sap/opu/odata/sap/ZPM_EQUIPMENT_SRV/EquipmentSet"));
  }

  @Test
  void addsSystemQueryOptionsOnceAndEncodesFilters() {
    URI uri =
        SapUris.withQuery(
            URI.create("https://sap/sap/opu/odata/sap/API_EQUIPMENT/Equipment?sap-client=100"),
            new LinkedHashMap<>(
                Map.of("sap-client", "200", "$filter", "Name eq 'A B' and X ge datetime'2024'")));
    assertThat(uri.toString())
        .isEqualTo(
            "https://sap/sap/opu/odata/sap/API_EQUIPMENT/Equipment?sap-client=100"
                + "&$filter=Name%20eq%20'A%20B'%20and%20X%20ge%20datetime'2024'");
  }

  private static ConnectionSnapshot connection(ErpType type, Map<String, Object> settings) {
    return new ConnectionSnapshot(
        MessageMeta.create("test"),
        1L,
        "SAP",
        null,
        type,
        AuthType.BASIC,
        "https://sap.example.com/sap/opu/odata4/sap",
        true,
        true,
        SyncDirection.BIDIRECTIONAL,
        60,
        false,
        null,
        "user",
        "100",
        "PRD",
        "00",
        "EN",
        null,
        null,
        null,
        null,
        null,
        settings,
        Map.of(),
        3,
        1,
        100,
        60,
        5,
        1,
        Instant.now());
  }
}

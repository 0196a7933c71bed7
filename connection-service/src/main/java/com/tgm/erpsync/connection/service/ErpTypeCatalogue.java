package com.tgm.erpsync.connection.service;

import com.tgm.erpsync.contracts.ErpType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The connection fields each ERP type uses beyond the common ones (name, baseUrl, credentials): the
 * guide's ERP-specific examples, plus the {@code connectionSettings} keys each protocol needs.
 */
public final class ErpTypeCatalogue {
  private static final List<String> SAP =
      List.of("sapClient", "sapSystemId", "sapInstanceNumber", "sapLanguage");
  private static final Map<ErpType, List<String>> FIELDS = new EnumMap<>(ErpType.class);

  static {
    FIELDS.put(ErpType.SAP_S4HANA, concat(SAP, "connectionSettings.oauthTokenUrl"));
    FIELDS.put(ErpType.SAP_ECC, SAP);
    FIELDS.put(ErpType.SAP_BUSINESS_ONE, List.of("connectionSettings.companyDb"));
    FIELDS.put(
        ErpType.DYNAMICS_365_FO,
        List.of("dynamicsTenantId", "dynamicsEnvironment", "connectionSettings.resource"));
    FIELDS.put(
        ErpType.DYNAMICS_365_BC,
        List.of(
            "dynamicsTenantId",
            "dynamicsEnvironment",
            "dynamicsCompanyId",
            "connectionSettings.apiVersion"));
    FIELDS.put(ErpType.DYNAMICS_NAV, List.of("connectionSettings.company"));
    FIELDS.put(ErpType.DYNAMICS_AX, List.of("connectionSettings.company"));
    FIELDS.put(
        ErpType.ORACLE_CLOUD,
        List.of("oracleInstanceUrl", "oracleIdentityDomain", "connectionSettings.apiVersion"));
    FIELDS.put(ErpType.ORACLE_EBS, List.of("connectionSettings.responsibility"));
    FIELDS.put(ErpType.ORACLE_NETSUITE, List.of("connectionSettings.accountId"));
    FIELDS.put(
        ErpType.ORACLE_JDE, List.of("connectionSettings.environment", "connectionSettings.role"));
  }

  private ErpTypeCatalogue() {}

  public static List<String> specificFields(ErpType type) {
    return FIELDS.get(type);
  }

  private static List<String> concat(List<String> first, String more) {
    return Stream.concat(first.stream(), Stream.of(more)).toList();
  }
}

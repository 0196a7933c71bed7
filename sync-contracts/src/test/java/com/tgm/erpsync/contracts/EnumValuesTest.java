package com.tgm.erpsync.contracts;

import static com.tgm.erpsync.contracts.AuthType.API_KEY;
import static com.tgm.erpsync.contracts.AuthType.BASIC;
import static com.tgm.erpsync.contracts.AuthType.CERTIFICATE;
import static com.tgm.erpsync.contracts.AuthType.NTLM;
import static com.tgm.erpsync.contracts.AuthType.OAUTH2;
import static com.tgm.erpsync.contracts.AuthType.OCI;
import static com.tgm.erpsync.contracts.AuthType.TOKEN_BASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.tgm.erpsync.contracts.change.ChangeOperation;
import com.tgm.erpsync.contracts.change.ErpChangeType;
import com.tgm.erpsync.contracts.result.WriteOperation;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The enums are the guide's public vocabulary: their names are API and must not drift. */
class EnumValuesTest {

  private static List<String> names(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }

  private static <E extends Enum<E>, V> Map<E, V> table(Class<E> type, Function<E, V> column) {
    return Arrays.stream(type.getEnumConstants())
        .collect(Collectors.toMap(e -> e, column, (a, b) -> a, () -> new EnumMap<>(type)));
  }

  @Test
  void erpTypesAreTheElevenSupportedSystems() {
    assertThat(names(ErpType.class))
        .containsExactly(
            "SAP_S4HANA",
            "SAP_ECC",
            "SAP_BUSINESS_ONE",
            "DYNAMICS_365_FO",
            "DYNAMICS_365_BC",
            "DYNAMICS_NAV",
            "DYNAMICS_AX",
            "ORACLE_CLOUD",
            "ORACLE_EBS",
            "ORACLE_NETSUITE",
            "ORACLE_JDE");
  }

  @Test
  void erpTypesCarryTheGuidesNamesAndDescriptions() {
    assertThat(table(ErpType.class, ErpType::displayName))
        .containsExactly(
            entry(ErpType.SAP_S4HANA, "SAP S/4HANA"),
            entry(ErpType.SAP_ECC, "SAP ECC"),
            entry(ErpType.SAP_BUSINESS_ONE, "SAP Business One"),
            entry(ErpType.DYNAMICS_365_FO, "Dynamics 365 Finance & Operations"),
            entry(ErpType.DYNAMICS_365_BC, "Dynamics 365 Business Central"),
            entry(ErpType.DYNAMICS_NAV, "Dynamics NAV"),
            entry(ErpType.DYNAMICS_AX, "Dynamics AX"),
            entry(ErpType.ORACLE_CLOUD, "Oracle Cloud ERP"),
            entry(ErpType.ORACLE_EBS, "Oracle E-Business Suite"),
            entry(ErpType.ORACLE_NETSUITE, "Oracle NetSuite"),
            entry(ErpType.ORACLE_JDE, "Oracle JD Edwards"));
    assertThat(table(ErpType.class, ErpType::description))
        .containsExactly(
            entry(ErpType.SAP_S4HANA, "Latest SAP ERP suite"),
            entry(ErpType.SAP_ECC, "SAP ERP Central Component"),
            entry(ErpType.SAP_BUSINESS_ONE, "SMB ERP solution"),
            entry(ErpType.DYNAMICS_365_FO, "Enterprise ERP"),
            entry(ErpType.DYNAMICS_365_BC, "SMB ERP"),
            entry(ErpType.DYNAMICS_NAV, "On-premise NAV"),
            entry(ErpType.DYNAMICS_AX, "Legacy Dynamics AX"),
            entry(ErpType.ORACLE_CLOUD, "Oracle Fusion Cloud"),
            entry(ErpType.ORACLE_EBS, "On-premise EBS"),
            entry(ErpType.ORACLE_NETSUITE, "Cloud ERP"),
            entry(ErpType.ORACLE_JDE, "JDE EnterpriseOne"));
  }

  @Test
  void eachErpTypeAllowsExactlyTheGuidesAuthTypes() {
    assertThat(table(ErpType.class, ErpType::allowedAuthTypes))
        .containsExactly(
            entry(ErpType.SAP_S4HANA, Set.of(OAUTH2, BASIC)),
            entry(ErpType.SAP_ECC, Set.of(BASIC, CERTIFICATE)),
            entry(ErpType.SAP_BUSINESS_ONE, Set.of(API_KEY, BASIC)),
            entry(ErpType.DYNAMICS_365_FO, Set.of(OAUTH2)),
            entry(ErpType.DYNAMICS_365_BC, Set.of(OAUTH2)),
            entry(ErpType.DYNAMICS_NAV, Set.of(BASIC, NTLM)),
            entry(ErpType.DYNAMICS_AX, Set.of(BASIC)),
            entry(ErpType.ORACLE_CLOUD, Set.of(OAUTH2, OCI)),
            entry(ErpType.ORACLE_EBS, Set.of(BASIC)),
            entry(ErpType.ORACLE_NETSUITE, Set.of(TOKEN_BASED, OAUTH2)),
            entry(ErpType.ORACLE_JDE, Set.of(BASIC)));
  }

  @Test
  void allowsAgreesWithTheAllowedSetAndTheSetCannotBeChanged() {
    for (ErpType erpType : ErpType.values()) {
      for (AuthType authType : AuthType.values()) {
        assertThat(erpType.allows(authType))
            .as("%s allows %s", erpType, authType)
            .isEqualTo(erpType.allowedAuthTypes().contains(authType));
      }
    }
    assertThat(ErpType.DYNAMICS_AX.allows(OAUTH2)).isFalse();
    assertThatThrownBy(() -> ErpType.DYNAMICS_AX.allowedAuthTypes().add(OAUTH2))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void eachErpTypeBelongsToItsVendorFamilyAndCommandTopic() {
    assertThat(table(ErpType.class, type -> Topics.commandsFor(type)))
        .containsExactly(
            entry(ErpType.SAP_S4HANA, "erp.commands.sap"),
            entry(ErpType.SAP_ECC, "erp.commands.sap"),
            entry(ErpType.SAP_BUSINESS_ONE, "erp.commands.sap"),
            entry(ErpType.DYNAMICS_365_FO, "erp.commands.dynamics"),
            entry(ErpType.DYNAMICS_365_BC, "erp.commands.dynamics"),
            entry(ErpType.DYNAMICS_NAV, "erp.commands.dynamics"),
            entry(ErpType.DYNAMICS_AX, "erp.commands.dynamics"),
            entry(ErpType.ORACLE_CLOUD, "erp.commands.oracle"),
            entry(ErpType.ORACLE_EBS, "erp.commands.oracle"),
            entry(ErpType.ORACLE_NETSUITE, "erp.commands.oracle"),
            entry(ErpType.ORACLE_JDE, "erp.commands.oracle"));
    assertThat(ErpType.ORACLE_JDE.family()).isEqualTo(ErpFamily.ORACLE);
  }

  @Test
  void erpFamiliesNameTheirCommandTopics() {
    assertThat(names(ErpFamily.class)).containsExactly("SAP", "DYNAMICS", "ORACLE");
    assertThat(table(ErpFamily.class, ErpFamily::topicSuffix))
        .containsExactly(
            entry(ErpFamily.SAP, "sap"),
            entry(ErpFamily.DYNAMICS, "dynamics"),
            entry(ErpFamily.ORACLE, "oracle"));
    assertThat(ErpFamily.SAP.commandTopic()).isEqualTo(Topics.COMMANDS_SAP);
    assertThat(ErpFamily.DYNAMICS.commandTopic()).isEqualTo(Topics.COMMANDS_DYNAMICS);
    assertThat(ErpFamily.ORACLE.commandTopic()).isEqualTo(Topics.COMMANDS_ORACLE);
  }

  @Test
  void authTypesAreTheGuidesAndDescribed() {
    assertThat(names(AuthType.class))
        .containsExactly("OAUTH2", "BASIC", "CERTIFICATE", "API_KEY", "NTLM", "OCI", "TOKEN_BASED");
    assertThat(AuthType.values()).allSatisfy(type -> assertThat(type.description()).isNotBlank());
  }

  @Test
  void entityTypesAreTheTenSyncableEntitiesWithTheirTypicalErpMapping() {
    assertThat(table(EntityType.class, EntityType::description))
        .containsExactly(
            entry(EntityType.COMPANY, "Customer/Company records"),
            entry(EntityType.LOCATION, "Site locations"),
            entry(EntityType.UNIT, "Equipment/Assets"),
            entry(EntityType.COMPONENT, "Equipment components"),
            entry(EntityType.USER, "TGM Users"),
            entry(EntityType.WORK_ORDER, "Work orders"),
            entry(EntityType.INSPECTION, "Inspection records"),
            entry(EntityType.FAILURE, "Failure/Breakdown records"),
            entry(EntityType.INVENTORY, "Inventory items"),
            entry(EntityType.INVOICE, "Billing documents"));
    assertThat(table(EntityType.class, EntityType::typicalErpMapping))
        .containsExactly(
            entry(EntityType.COMPANY, "Customer, Business Partner"),
            entry(EntityType.LOCATION, "Plant, Location, Address"),
            entry(EntityType.UNIT, "Equipment, Fixed Asset"),
            entry(EntityType.COMPONENT, "BOM Item, Material"),
            entry(EntityType.USER, "Employee, HR Record"),
            entry(EntityType.WORK_ORDER, "Service Order, PM Order"),
            entry(EntityType.INSPECTION, "Measurement Document"),
            entry(EntityType.FAILURE, "Notification, Incident"),
            entry(EntityType.INVENTORY, "Material, Stock Item"),
            entry(EntityType.INVOICE, "Billing Document, Invoice"));
  }

  @Test
  void fieldTypesAreTheGuidesMappingTypes() {
    assertThat(table(FieldType.class, FieldType::description))
        .containsExactly(
            entry(FieldType.STRING, "Text fields"),
            entry(FieldType.INTEGER, "Whole numbers"),
            entry(FieldType.DECIMAL, "Decimal numbers"),
            entry(FieldType.BOOLEAN, "True/false values"),
            entry(FieldType.DATE, "Date only"),
            entry(FieldType.DATETIME, "Date and time"),
            entry(FieldType.ENUM, "Enumerated values (requires mapping)"),
            entry(FieldType.REFERENCE, "Foreign key reference"),
            entry(FieldType.JSON, "Complex nested data"));
  }

  @Test
  void syncDirectionsSayWhichWayDataMayFlow() {
    assertThat(table(SyncDirection.class, SyncDirection::description))
        .containsExactly(
            entry(SyncDirection.INBOUND, "ERP → TGM only"),
            entry(SyncDirection.OUTBOUND, "TGM → ERP only"),
            entry(SyncDirection.BIDIRECTIONAL, "Both directions"));
    assertThat(table(SyncDirection.class, SyncDirection::allowsInbound))
        .containsExactly(
            entry(SyncDirection.INBOUND, true),
            entry(SyncDirection.OUTBOUND, false),
            entry(SyncDirection.BIDIRECTIONAL, true));
    assertThat(table(SyncDirection.class, SyncDirection::allowsOutbound))
        .containsExactly(
            entry(SyncDirection.INBOUND, false),
            entry(SyncDirection.OUTBOUND, true),
            entry(SyncDirection.BIDIRECTIONAL, true));
  }

  @Test
  void conflictResolutionsAreTheGuidesStrategies() {
    assertThat(table(ConflictResolution.class, ConflictResolution::description))
        .containsExactly(
            entry(ConflictResolution.TGM_WINS, "TGM data overwrites ERP data"),
            entry(ConflictResolution.ERP_WINS, "ERP data overwrites TGM data"),
            entry(ConflictResolution.NEWEST_WINS, "Most recently modified record wins"),
            entry(ConflictResolution.MANUAL, "Flag for manual resolution"),
            entry(ConflictResolution.MERGE, "Attempt to merge non-conflicting fields"));
  }

  @Test
  void jobTypesAndStatusesAreFixedAndOnlyFinishedStatusesAreTerminal() {
    assertThat(names(JobType.class))
        .containsExactly("FULL", "INCREMENTAL", "SINGLE_RECORD", "REALTIME");
    assertThat(table(JobStatus.class, JobStatus::isTerminal))
        .containsExactly(
            entry(JobStatus.PENDING, false),
            entry(JobStatus.RUNNING, false),
            entry(JobStatus.COMPLETED, true),
            entry(JobStatus.FAILED, true),
            entry(JobStatus.CANCELLED, true),
            entry(JobStatus.STALE, true));
  }

  @Test
  void onlyTransientErrorsAreRetryableByDefault() {
    assertThat(names(ErrorCode.class))
        .containsExactly(
            "AUTH_FAILED",
            "NOT_FOUND",
            "VALIDATION_ERROR",
            "MAPPING_ERROR",
            "CONFLICT",
            "ETAG_MISMATCH",
            "RATE_LIMITED",
            "TIMEOUT",
            "ERP_UNAVAILABLE",
            "ERP_ERROR",
            "CONNECTION_UNKNOWN",
            "CONNECTION_DISABLED",
            "UNSUPPORTED_OPERATION",
            "INTERNAL_ERROR");
    assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::defaultRetryable))
        .containsExactlyInAnyOrder(
            ErrorCode.RATE_LIMITED,
            ErrorCode.TIMEOUT,
            ErrorCode.ERP_UNAVAILABLE,
            ErrorCode.ETAG_MISMATCH);
  }

  @Test
  void messageLevelEnumsAreFixed() {
    assertThat(names(WriteOperation.class))
        .containsExactly("CREATED", "UPDATED", "DELETED", "UNCHANGED");
    assertThat(names(ChangeOperation.class)).containsExactly("CREATE", "UPDATE", "DELETE");
    assertThat(names(ErpChangeType.class))
        .containsExactly("CREATED", "UPDATED", "DELETED", "COLLECTION");
  }
}

package com.tgm.erpsync.contracts;

import static com.tgm.erpsync.contracts.AuthType.API_KEY;
import static com.tgm.erpsync.contracts.AuthType.BASIC;
import static com.tgm.erpsync.contracts.AuthType.CERTIFICATE;
import static com.tgm.erpsync.contracts.AuthType.NTLM;
import static com.tgm.erpsync.contracts.AuthType.OAUTH2;
import static com.tgm.erpsync.contracts.AuthType.OCI;
import static com.tgm.erpsync.contracts.AuthType.TOKEN_BASED;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The eleven supported ERP systems, as listed in the integration guide, with the authentication
 * methods each accepts (a connection with any other auth type is rejected).
 */
public enum ErpType {
  SAP_S4HANA("SAP S/4HANA", "Latest SAP ERP suite", ErpFamily.SAP, OAUTH2, BASIC),
  SAP_ECC("SAP ECC", "SAP ERP Central Component", ErpFamily.SAP, BASIC, CERTIFICATE),
  SAP_BUSINESS_ONE("SAP Business One", "SMB ERP solution", ErpFamily.SAP, API_KEY, BASIC),
  DYNAMICS_365_FO(
      "Dynamics 365 Finance & Operations", "Enterprise ERP", ErpFamily.DYNAMICS, OAUTH2),
  DYNAMICS_365_BC("Dynamics 365 Business Central", "SMB ERP", ErpFamily.DYNAMICS, OAUTH2),
  DYNAMICS_NAV("Dynamics NAV", "On-premise NAV", ErpFamily.DYNAMICS, BASIC, NTLM),
  DYNAMICS_AX("Dynamics AX", "Legacy Dynamics AX", ErpFamily.DYNAMICS, BASIC),
  ORACLE_CLOUD("Oracle Cloud ERP", "Oracle Fusion Cloud", ErpFamily.ORACLE, OAUTH2, OCI),
  ORACLE_EBS("Oracle E-Business Suite", "On-premise EBS", ErpFamily.ORACLE, BASIC),
  ORACLE_NETSUITE("Oracle NetSuite", "Cloud ERP", ErpFamily.ORACLE, TOKEN_BASED, OAUTH2),
  ORACLE_JDE("Oracle JD Edwards", "JDE EnterpriseOne", ErpFamily.ORACLE, BASIC);

  private final String displayName;
  private final String description;
  private final ErpFamily family;
  private final Set<AuthType> allowedAuthTypes;

  ErpType(
      String displayName,
      String description,
      ErpFamily family,
      AuthType firstAuthType,
      AuthType... moreAuthTypes) {
    this.displayName = displayName;
    this.description = description;
    this.family = family;
    this.allowedAuthTypes = Collections.unmodifiableSet(EnumSet.of(firstAuthType, moreAuthTypes));
  }

  public String displayName() {
    return displayName;
  }

  public String description() {
    return description;
  }

  public ErpFamily family() {
    return family;
  }

  public Set<AuthType> allowedAuthTypes() {
    return allowedAuthTypes;
  }

  public boolean allows(AuthType authType) {
    return allowedAuthTypes.contains(authType);
  }
}

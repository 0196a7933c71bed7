package com.tgm.erpsync.contracts;

/**
 * How a connector authenticates against an ERP; which ones an ERP accepts is on {@link ErpType}.
 */
public enum AuthType {
  OAUTH2("OAuth 2.0 client credentials (Azure AD for Dynamics 365)"),
  BASIC("Basic Auth: username and password"),
  CERTIFICATE("X.509 client certificate (mutual TLS)"),
  API_KEY("API key sent with every request"),
  NTLM("NTLM Windows authentication (on-premise)"),
  OCI("Oracle Cloud Infrastructure request signing"),
  TOKEN_BASED("Token-based authentication (NetSuite TBA, OAuth 1.0a signatures)");

  private final String description;

  AuthType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}

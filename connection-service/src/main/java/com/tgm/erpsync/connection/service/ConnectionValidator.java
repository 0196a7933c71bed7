package com.tgm.erpsync.connection.service;

import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.API_KEY;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.CERTIFICATE;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.CLIENT_SECRET;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.CONSUMER_KEY;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.CONSUMER_SECRET;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.PASSWORD;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.PRIVATE_KEY;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.TOKEN_ID;
import static com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot.TOKEN_SECRET;

import com.tgm.erpsync.connection.rest.ConnectionRequest;
import com.tgm.erpsync.connection.rest.Problem.FieldError;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.SyncDirection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules a connection must satisfy, each failure naming its field: what every connection needs,
 * the auth types each ERP accepts (the guide's tables), the fields each auth type needs, the
 * ERP-specific fields, URLs and ranges. All problems are reported at once.
 */
final class ConnectionValidator {
  /** Longest schedule interval: 30 days. */
  public static final int MAX_INTERVAL_MINUTES = 43_200;

  private static final Pattern SAP_CLIENT = Pattern.compile("\\d{3}");
  private static final Pattern SAP_INSTANCE = Pattern.compile("\\d{2}");
  private static final Pattern SAP_LANGUAGE = Pattern.compile("[A-Za-z]{2}");
  private static final Pattern SAP_SYSTEM_ID = Pattern.compile("[A-Z][A-Z0-9]{2}");
  private static final List<String> TBA =
      List.of(CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET);

  private final ConnectionRequest request;
  private final Set<String> secrets;
  private final Map<String, Object> settings;
  private final List<FieldError> errors = new ArrayList<>();

  private ConnectionValidator(ConnectionRequest request, Set<String> secrets) {
    this.request = request;
    this.secrets = secrets;
    this.settings = request.connectionSettings() == null ? Map.of() : request.connectionSettings();
  }

  /**
   * @param secrets the names of the secrets the connection will have (sent now or kept)
   * @param duplicateName whether another connection already has this name
   */
  static List<FieldError> validate(
      ConnectionRequest request, Set<String> secrets, boolean duplicateName) {
    ConnectionValidator validator = new ConnectionValidator(request, secrets);
    validator.check(duplicateName);
    return validator.errors;
  }

  private void check(boolean duplicateName) {
    if (blank(request.name())) {
      error("name", "is required");
    } else if (request.name().length() > 200) {
      error("name", "must be at most 200 characters");
    } else if (duplicateName) {
      error("name", "another connection is already named '" + request.name() + "'");
    }
    ErpType erpType = enumValue("erpType", request.erpType(), ErpType.class, true);
    AuthType authType = enumValue("authType", request.authType(), AuthType.class, true);
    enumValue("syncDirection", request.syncDirection(), SyncDirection.class, false);
    url("baseUrl", request.baseUrl());
    url("oracleInstanceUrl", request.oracleInstanceUrl());
    url("connectionSettings.oauthTokenUrl", settings.get("oauthTokenUrl"));
    url("connectionSettings.resource", settings.get("resource"));
    ranges();
    if (erpType == null) {
      return;
    }
    if (authType != null && !erpType.allows(authType)) {
      error(
          "authType",
          erpType.displayName()
              + " accepts "
              + erpType.allowedAuthTypes().stream()
                  .sorted()
                  .map(Enum::name)
                  .collect(Collectors.joining(" or "))
              + ", not "
              + authType);
    }
    erpSpecific(erpType);
    if (authType != null && erpType.allows(authType)) {
      credentials(erpType, authType);
    }
  }

  private void erpSpecific(ErpType erpType) {
    match("sapClient", request.sapClient(), SAP_CLIENT, "must be three digits, e.g. 100");
    match("sapInstanceNumber", request.sapInstanceNumber(), SAP_INSTANCE, "must be two digits");
    match("sapLanguage", request.sapLanguage(), SAP_LANGUAGE, "must be a two-letter code, e.g. EN");
    match(
        "sapSystemId",
        request.sapSystemId(),
        SAP_SYSTEM_ID,
        "must be a three-character SAP system id, e.g. PRD");
    switch (erpType) {
      case DYNAMICS_365_BC -> {
        required("dynamicsTenantId", request.dynamicsTenantId());
        required("dynamicsEnvironment", request.dynamicsEnvironment());
        required("dynamicsCompanyId", request.dynamicsCompanyId());
      }
      case DYNAMICS_365_FO -> {
        required("dynamicsTenantId", request.dynamicsTenantId());
        if (blank(request.baseUrl()) && blank(settings.get("resource"))) {
          error(
              "connectionSettings.resource", "is required (the environment URL) without a baseUrl");
        }
      }
      case ORACLE_CLOUD -> {
        if (blank(request.baseUrl()) && blank(request.oracleInstanceUrl())) {
          error("oracleInstanceUrl", "is required without a baseUrl");
        }
      }
      case ORACLE_NETSUITE -> {
        if (blank(request.baseUrl()) && blank(settings.get("accountId"))) {
          error("connectionSettings.accountId", "is required without a baseUrl");
        }
      }
      default -> required("baseUrl", request.baseUrl());
    }
  }

  private void credentials(ErpType erpType, AuthType authType) {
    switch (authType) {
      case OAUTH2 -> {
        if (erpType == ErpType.ORACLE_NETSUITE && TBA.stream().allMatch(secrets::contains)) {
          return; // the guide's NetSuite example: token credentials under OAUTH2, signed as TBA
        }
        required("clientId", request.clientId());
        secret(CLIENT_SECRET, "clientSecret");
        if (erpType == ErpType.ORACLE_CLOUD
            && blank(request.oracleIdentityDomain())
            && blank(settings.get("oauthTokenUrl"))) {
          error("oracleIdentityDomain", "is required for OAUTH2 (it names the token endpoint)");
        }
      }
      case BASIC, NTLM -> {
        required("username", request.username());
        secret(PASSWORD, "password");
      }
      case API_KEY -> secret(API_KEY, "apiKey");
      case CERTIFICATE -> {
        secret(CERTIFICATE, "certificate");
        if (!secrets.contains(PRIVATE_KEY) && !secrets.contains(PASSWORD)) {
          error(
              "privateKey",
              "is required with a PEM certificate (or give the PKCS#12 keystore's password)");
        }
      }
      case OCI -> {
        for (String setting : List.of("tenancyOcid", "userOcid", "fingerprint")) {
          required("connectionSettings." + setting, settings.get(setting));
        }
        secret(PRIVATE_KEY, "privateKey");
      }
      case TOKEN_BASED -> {
        if (blank(request.baseUrl())) {
          required("connectionSettings.accountId", settings.get("accountId"));
        }
        TBA.forEach(name -> secret(name, "connectionSettings." + name));
      }
    }
  }

  private void ranges() {
    between("syncIntervalMinutes", request.syncIntervalMinutes(), 1, MAX_INTERVAL_MINUTES);
    between("maxRetries", request.maxRetries(), 0, 100);
    between("retryDelaySeconds", request.retryDelaySeconds(), 0, 86_400);
    between("rateLimitRequests", request.rateLimitRequests(), 1, 1_000_000);
    between("rateLimitPeriodSeconds", request.rateLimitPeriodSeconds(), 1, 86_400);
    between("maxConcurrentRequests", request.maxConcurrentRequests(), 1, 64);
  }

  private <E extends Enum<E>> E enumValue(
      String field, String value, Class<E> type, boolean mandatory) {
    if (blank(value)) {
      if (mandatory) {
        error(field, "is required");
      }
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      error(
          field,
          "'"
              + value
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
      return null;
    }
  }

  private void url(String field, Object value) {
    if (blank(value)) {
      return;
    }
    try {
      URI uri = new URI(value.toString().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        error(field, "must be an absolute http(s) URL");
      }
    } catch (Exception e) {
      error(field, "must be an absolute http(s) URL");
    }
  }

  private void match(String field, String value, Pattern pattern, String message) {
    if (!blank(value) && !pattern.matcher(value).matches()) {
      error(field, message);
    }
  }

  private void between(String field, Integer value, int minimum, int maximum) {
    if (value != null && (value < minimum || value > maximum)) {
      error(field, "must be between " + minimum + " and " + maximum);
    }
  }

  private void required(String field, Object value) {
    if (blank(value)) {
      error(field, "is required");
    }
  }

  private void secret(String name, String field) {
    if (!secrets.contains(name)) {
      error(field, "is required");
    }
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}

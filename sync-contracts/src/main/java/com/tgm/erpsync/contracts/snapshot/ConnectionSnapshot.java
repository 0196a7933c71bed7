package com.tgm.erpsync.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.SyncMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The full current state of one ERP connection on the compacted erp.connections topic (key
 * connectionId, null value on delete), from which connectors and the gateway build their caches.
 * Credentials travel only inside {@link #secrets()}, encrypted, under the key constants below.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.PROPERTY,
    property = "type",
    defaultImpl = ConnectionSnapshot.class)
@JsonTypeName("ConnectionSnapshot")
public record ConnectionSnapshot(
    MessageMeta meta,
    long id,
    String name,
    String description,
    ErpType erpType,
    AuthType authType,
    String baseUrl,
    boolean enabled,
    boolean syncEnabled,
    SyncDirection syncDirection,
    int syncIntervalMinutes,
    boolean webhookEnabled,
    String clientId,
    String username,
    String sapClient,
    String sapSystemId,
    String sapInstanceNumber,
    String sapLanguage,
    String dynamicsTenantId,
    String dynamicsEnvironment,
    String dynamicsCompanyId,
    String oracleInstanceUrl,
    String oracleIdentityDomain,
    Map<String, Object> connectionSettings,
    Map<String, EncryptedSecret> secrets,
    int maxRetries,
    int retryDelaySeconds,
    int rateLimitRequests,
    int rateLimitPeriodSeconds,
    int maxConcurrentRequests,
    long version,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt)
    implements SyncMessage {

  public static final String CLIENT_SECRET = "clientSecret";
  public static final String PASSWORD = "password";
  public static final String API_KEY = "apiKey";
  public static final String CONSUMER_KEY = "consumerKey";
  public static final String CONSUMER_SECRET = "consumerSecret";
  public static final String TOKEN_ID = "tokenId";
  public static final String TOKEN_SECRET = "tokenSecret";
  public static final String PRIVATE_KEY = "privateKey";
  public static final String CERTIFICATE = "certificate";
  public static final String WEBHOOK_SECRET = "webhookSecret";

  public ConnectionSnapshot {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpType, "erpType");
    Objects.requireNonNull(authType, "authType");
  }
}

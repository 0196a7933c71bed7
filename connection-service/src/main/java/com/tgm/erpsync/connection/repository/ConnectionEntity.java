package com.tgm.erpsync.connection.repository;

import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.SyncDirection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One ERP connection as stored; {@code secrets} holds ciphertexts only. */
@Entity
@Table(name = "erp_connection")
public class ConnectionEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;
  public String description;

  @Enumerated(EnumType.STRING)
  public ErpType erpType;

  @Enumerated(EnumType.STRING)
  public AuthType authType;

  public String baseUrl;
  public String clientId;
  public String username;
  public String sapClient;
  public String sapSystemId;
  public String sapInstanceNumber;
  public String sapLanguage;
  public String dynamicsTenantId;
  public String dynamicsEnvironment;
  public String dynamicsCompanyId;
  public String oracleInstanceUrl;
  public String oracleIdentityDomain;

  /** JSON object of non-secret settings. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String connectionSettings;

  /** JSON object: secret name → EncryptedSecret. */
  @JdbcTypeCode(SqlTypes.JSON)
  public String secrets;

  public boolean enabled;
  public boolean syncEnabled;

  @Enumerated(EnumType.STRING)
  public SyncDirection syncDirection;

  public int syncIntervalMinutes;
  public boolean webhookEnabled;
  public int maxRetries;
  public int retryDelaySeconds;
  public int rateLimitRequests;
  public int rateLimitPeriodSeconds;
  public int maxConcurrentRequests;
  public String connectionStatus;
  public Instant lastTestedAt;
  public String lastError;
  public long version;
  public Instant createdAt;
  public Instant updatedAt;
}

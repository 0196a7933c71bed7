package com.tgm.erpsync.connection.service;

import static com.tgm.erpsync.connection.service.ConnectionValidator.blank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.audit.AuditChange;
import com.tgm.erpsync.connection.audit.AuditTrail;
import com.tgm.erpsync.connection.edge.ScheduleState;
import com.tgm.erpsync.connection.edge.SyncOrchestrator;
import com.tgm.erpsync.connection.repository.ConnectionEntity;
import com.tgm.erpsync.connection.repository.ConnectionRepository;
import com.tgm.erpsync.connection.rest.ConnectionRequest;
import com.tgm.erpsync.connection.rest.Problem.FieldError;
import com.tgm.erpsync.connection.vault.CredentialVault;
import com.tgm.erpsync.connection.vault.SecretGenerator;
import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.EncryptedSecret;
import com.tgm.erpsync.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Connections: validated, stored with their secrets encrypted, and published as a full snapshot to
 * erp.connections through the outbox in the same transaction as every change.
 */
@ApplicationScoped
public class ConnectionService {
  /** Business events: the guide's "grep ErpSync logs/application.log" finds them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.connections");

  /** What a masked secret looks like; sent back unchanged, it keeps the stored secret. */
  public static final String MASK = "********";

  /** Secrets the API accepts as top-level fields. */
  public static final List<String> TOP_LEVEL_SECRETS =
      List.of(
          ConnectionSnapshot.CLIENT_SECRET,
          ConnectionSnapshot.PASSWORD,
          ConnectionSnapshot.API_KEY,
          ConnectionSnapshot.PRIVATE_KEY,
          ConnectionSnapshot.CERTIFICATE);

  /** Keys of connectionSettings that are secrets: taken out of the settings into the vault. */
  static final Set<String> SETTINGS_SECRETS =
      Set.of(
          ConnectionSnapshot.CONSUMER_KEY,
          ConnectionSnapshot.CONSUMER_SECRET,
          ConnectionSnapshot.TOKEN_ID,
          ConnectionSnapshot.TOKEN_SECRET,
          ConnectionSnapshot.CLIENT_SECRET,
          ConnectionSnapshot.PASSWORD,
          ConnectionSnapshot.API_KEY,
          ConnectionSnapshot.PRIVATE_KEY,
          ConnectionSnapshot.CERTIFICATE);

  /** Every secret name: the audit shows that one changed, never its value. */
  static final Set<String> SECRETS =
      Stream.concat(SETTINGS_SECRETS.stream(), Stream.of(ConnectionSnapshot.WEBHOOK_SECRET))
          .collect(Collectors.toUnmodifiableSet());

  private final ConnectionRepository repository;
  private final CredentialVault vault;
  private final Outbox outbox;
  private final ObjectMapper mapper;
  private final SyncOrchestrator orchestrator;
  private final AuditTrail audit;

  public ConnectionService(
      ConnectionRepository repository,
      CredentialVault vault,
      Outbox outbox,
      ObjectMapper mapper,
      SyncOrchestrator orchestrator,
      AuditTrail audit) {
    this.audit = audit;
    this.repository = repository;
    this.vault = vault;
    this.outbox = outbox;
    this.mapper = mapper;
    this.orchestrator = orchestrator;
  }

  public List<ConnectionEntity> list() {
    return repository.listInOrder();
  }

  public ConnectionEntity get(long id) {
    return repository
        .findByIdOptional(id)
        .orElseThrow(() -> new NotFoundException("connection " + id));
  }

  @Transactional
  public ConnectionEntity create(ConnectionRequest request) {
    Map<String, String> newSecrets = secretsIn(request);
    Map<String, Object> settings = settingsWithoutSecrets(request.connectionSettings());
    reject(
        ConnectionValidator.validate(
            request, newSecrets.keySet(), repository.findByName(trim(request.name())).isPresent()));
    ConnectionEntity entity = new ConnectionEntity();
    apply(entity, request, settings);
    entity.connectionStatus = "UNTESTED";
    entity.version = 1;
    entity.createdAt = Instant.now();
    entity.updatedAt = entity.createdAt;
    entity.secrets = "{}";
    repository.persistAndFlush(entity); // the id binds each secret's ciphertext to this connection
    Map<String, EncryptedSecret> stored = new TreeMap<>();
    newSecrets.forEach(
        (name, value) -> stored.put(name, vault.encrypt(value, context(entity, name))));
    ensureWebhookSecret(entity, stored);
    entity.secrets = json(stored);
    publish(entity, stored);
    audit.recordInTransaction(entity.id, AuditTrail.diff(Map.of(), describe(entity), SECRETS));
    LOG.infof("ERP connection %d '%s' (%s) created", entity.id, entity.name, entity.erpType);
    return entity;
  }

  @Transactional
  public ConnectionEntity update(long id, ConnectionRequest request) {
    ConnectionEntity entity = get(id);
    Map<String, Object> before = describe(entity);
    Map<String, EncryptedSecret> stored = storedSecrets(entity);
    Map<String, String> newSecrets = secretsIn(request);
    ConnectionRequest merged = merge(entity, request);
    Set<String> present = new HashSet<>(stored.keySet());
    present.addAll(newSecrets.keySet());
    Optional<ConnectionEntity> sameName = repository.findByName(trim(merged.name()));
    reject(
        ConnectionValidator.validate(
            merged, present, sameName.isPresent() && !sameName.get().id.equals(entity.id)));
    apply(entity, merged, settingsWithoutSecrets(merged.connectionSettings()));
    newSecrets.forEach(
        (name, value) -> stored.put(name, vault.encrypt(value, context(entity, name))));
    ensureWebhookSecret(entity, stored);
    entity.secrets = json(stored);
    Map<String, AuditChange> changes = AuditTrail.diff(before, describe(entity), SECRETS);
    if (changes.isEmpty()) {
      audit.recordInTransaction(id, changes);
      return entity; // nothing changed: no new version, nothing to publish
    }
    touch(entity);
    publish(entity, stored);
    audit.recordInTransaction(id, changes);
    LOG.infof(
        "ERP connection %d '%s' updated to version %d: %s",
        entity.id, entity.name, entity.version, changes.keySet());
    return entity;
  }

  @Transactional
  public ConnectionEntity setEnabled(long id, boolean enabled) {
    ConnectionEntity entity = get(id);
    if (entity.enabled != enabled) {
      entity.enabled = enabled;
      touch(entity);
      publish(entity, storedSecrets(entity));
      audit.recordInTransaction(id, Map.of("enabled", new AuditChange(!enabled, enabled)));
      LOG.infof("ERP connection %d %s", id, enabled ? "enabled" : "disabled");
    } else {
      audit.recordInTransaction(id, Map.of());
    }
    return entity;
  }

  /**
   * Deletes the connection unless sync-orchestrator runs a job for it (409 naming the jobs); when
   * the orchestrator cannot say, nothing is deleted. A job started in the moment between the check
   * and the commit is cancelled by the orchestrator when the tombstone reaches it.
   */
  public void delete(long id) {
    get(id);
    ScheduleState state = orchestrator.scheduleState(id);
    if (state.activeJobsCount() > 0) {
      throw new ConflictException(
          "Connection "
              + id
              + " has "
              + state.activeJobsCount()
              + " running sync job(s) "
              + state.activeJobIds()
              + ": cancel them (POST /api/admin/erp/sync-jobs/{id}/cancel) or wait for them to"
              + " finish, then delete the connection");
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ConnectionEntity entity = get(id);
              Map<String, Object> before = describe(entity);
              repository.delete(entity);
              outbox.append(Topics.CONNECTIONS, Topics.connectionKey(id), null);
              audit.recordInTransaction(id, AuditTrail.diff(before, Map.of(), SECRETS));
              LOG.infof("ERP connection %d '%s' deleted", id, entity.name);
            });
  }

  /**
   * The connection's webhook secret in clear, for an admin to configure in the ERP.
   *
   * @throws ConflictException when webhooks are not enabled on the connection
   */
  public String webhookSecret(long id) {
    ConnectionEntity entity = get(id);
    EncryptedSecret secret = storedSecrets(entity).get(ConnectionSnapshot.WEBHOOK_SECRET);
    if (!entity.webhookEnabled || secret == null) {
      throw webhooksDisabled(entity);
    }
    return vault.decrypt(secret, context(entity, ConnectionSnapshot.WEBHOOK_SECRET));
  }

  /**
   * Replaces the webhook secret with a new random one, effective at once: the gateway refuses the
   * old one as soon as the new snapshot reaches it. Returns the new secret in clear.
   */
  @Transactional
  public String rotateWebhookSecret(long id) {
    ConnectionEntity entity = get(id);
    if (!entity.webhookEnabled) {
      throw webhooksDisabled(entity);
    }
    Map<String, Object> before = describe(entity);
    Map<String, EncryptedSecret> stored = storedSecrets(entity);
    String secret = SecretGenerator.generateWebhookSecret();
    stored.put(
        ConnectionSnapshot.WEBHOOK_SECRET,
        vault.encrypt(secret, context(entity, ConnectionSnapshot.WEBHOOK_SECRET)));
    entity.secrets = json(stored);
    touch(entity);
    publish(entity, stored);
    audit.recordInTransaction(id, AuditTrail.diff(before, describe(entity), SECRETS));
    LOG.infof("ERP connection %d webhook secret rotated (version %d)", id, entity.version);
    return secret;
  }

  /** Ids of all connections in order, a page at a time (for jobs that visit every connection). */
  public List<Long> idsAfter(long afterId, int limit) {
    return repository
        .getEntityManager()
        .createQuery(
            "select c.id from ConnectionEntity c where c.id > :after order by c.id", Long.class)
        .setParameter("after", afterId)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Re-encrypts under the current key every secret of the connection written under another one, and
   * publishes the new snapshot if anything changed. Returns how many secrets were re-encrypted.
   */
  @Transactional
  public int reEncrypt(long id) {
    ConnectionEntity entity = repository.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (entity == null) {
      return 0; // deleted meanwhile
    }
    Map<String, Object> before = describe(entity);
    Map<String, EncryptedSecret> stored = storedSecrets(entity);
    int rotated = 0;
    for (Map.Entry<String, EncryptedSecret> secret : stored.entrySet()) {
      if (vault.needsRotation(secret.getValue())) {
        secret.setValue(vault.rotate(secret.getValue(), context(entity, secret.getKey())));
        rotated++;
      }
    }
    if (rotated > 0) {
      entity.secrets = json(stored);
      touch(entity);
      publish(entity, stored);
      audit.recordInTransaction(id, AuditTrail.diff(before, describe(entity), SECRETS));
    }
    return rotated;
  }

  private static ConflictException webhooksDisabled(ConnectionEntity entity) {
    return new ConflictException(
        "Webhooks are not enabled on connection "
            + entity.id
            + " ("
            + entity.name
            + "): set webhookEnabled to true, which generates its webhook secret");
  }

  /**
   * A connection's configuration as a flat map, for the audit's list of changed fields; a secret
   * appears as its ciphertext (which changes whenever the secret does), and the audit masks it.
   */
  private Map<String, Object> describe(ConnectionEntity e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", e.name);
    fields.put("description", e.description);
    fields.put("erpType", e.erpType);
    fields.put("authType", e.authType);
    fields.put("baseUrl", e.baseUrl);
    fields.put("clientId", e.clientId);
    fields.put("username", e.username);
    fields.put("sapClient", e.sapClient);
    fields.put("sapSystemId", e.sapSystemId);
    fields.put("sapInstanceNumber", e.sapInstanceNumber);
    fields.put("sapLanguage", e.sapLanguage);
    fields.put("dynamicsTenantId", e.dynamicsTenantId);
    fields.put("dynamicsEnvironment", e.dynamicsEnvironment);
    fields.put("dynamicsCompanyId", e.dynamicsCompanyId);
    fields.put("oracleInstanceUrl", e.oracleInstanceUrl);
    fields.put("oracleIdentityDomain", e.oracleIdentityDomain);
    fields.put("connectionSettings", settings(e));
    fields.put("enabled", e.enabled);
    fields.put("syncEnabled", e.syncEnabled);
    fields.put("syncDirection", e.syncDirection);
    fields.put("syncIntervalMinutes", e.syncIntervalMinutes);
    fields.put("webhookEnabled", e.webhookEnabled);
    fields.put("maxRetries", e.maxRetries);
    fields.put("retryDelaySeconds", e.retryDelaySeconds);
    fields.put("rateLimitRequests", e.rateLimitRequests);
    fields.put("rateLimitPeriodSeconds", e.rateLimitPeriodSeconds);
    fields.put("maxConcurrentRequests", e.maxConcurrentRequests);
    storedSecrets(e).forEach((name, secret) -> fields.put(name, secret.ciphertext()));
    return fields;
  }

  /** The names of the secrets a connection holds, for the masked view. */
  public List<String> secretNames(ConnectionEntity entity) {
    return List.copyOf(storedSecrets(entity).keySet());
  }

  public Map<String, Object> settings(ConnectionEntity entity) {
    try {
      return mapper.readValue(entity.connectionSettings, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored settings of connection " + entity.id, e);
    }
  }

  private void ensureWebhookSecret(ConnectionEntity entity, Map<String, EncryptedSecret> stored) {
    if (entity.webhookEnabled && !stored.containsKey(ConnectionSnapshot.WEBHOOK_SECRET)) {
      stored.put(
          ConnectionSnapshot.WEBHOOK_SECRET,
          vault.encrypt(
              SecretGenerator.generateWebhookSecret(),
              context(entity, ConnectionSnapshot.WEBHOOK_SECRET)));
    }
  }

  private void publish(ConnectionEntity entity, Map<String, EncryptedSecret> secrets) {
    ConnectionSnapshot snapshot =
        new ConnectionSnapshot(
            MessageMeta.create("connection-" + entity.id + "-v" + entity.version),
            entity.id,
            entity.name,
            entity.description,
            entity.erpType,
            entity.authType,
            entity.baseUrl,
            entity.enabled,
            entity.syncEnabled,
            entity.syncDirection,
            entity.syncIntervalMinutes,
            entity.webhookEnabled,
            entity.clientId,
            entity.username,
            entity.sapClient,
            entity.sapSystemId,
            entity.sapInstanceNumber,
            entity.sapLanguage,
            entity.dynamicsTenantId,
            entity.dynamicsEnvironment,
            entity.dynamicsCompanyId,
            entity.oracleInstanceUrl,
            entity.oracleIdentityDomain,
            settings(entity),
            secrets,
            entity.maxRetries,
            entity.retryDelaySeconds,
            entity.rateLimitRequests,
            entity.rateLimitPeriodSeconds,
            entity.maxConcurrentRequests,
            entity.version,
            entity.updatedAt);
    outbox.append(Topics.CONNECTIONS, Topics.connectionKey(entity.id), json(snapshot));
  }

  private void apply(ConnectionEntity entity, ConnectionRequest r, Map<String, Object> settings) {
    entity.name = trim(r.name());
    entity.description = emptyToNull(r.description());
    entity.erpType = ErpType.valueOf(r.erpType().trim().toUpperCase(Locale.ROOT));
    entity.authType = AuthType.valueOf(r.authType().trim().toUpperCase(Locale.ROOT));
    entity.baseUrl = emptyToNull(r.baseUrl());
    entity.clientId = emptyToNull(r.clientId());
    entity.username = emptyToNull(r.username());
    entity.sapClient = emptyToNull(r.sapClient());
    entity.sapSystemId = emptyToNull(r.sapSystemId());
    entity.sapInstanceNumber = emptyToNull(r.sapInstanceNumber());
    entity.sapLanguage =
        r.sapLanguage() == null ? null : emptyToNull(r.sapLanguage().toUpperCase(Locale.ROOT));
    entity.dynamicsTenantId = emptyToNull(r.dynamicsTenantId());
    entity.dynamicsEnvironment = emptyToNull(r.dynamicsEnvironment());
    entity.dynamicsCompanyId = emptyToNull(r.dynamicsCompanyId());
    entity.oracleInstanceUrl = emptyToNull(r.oracleInstanceUrl());
    entity.oracleIdentityDomain = emptyToNull(r.oracleIdentityDomain());
    entity.connectionSettings = json(settings);
    entity.enabled = orDefault(r.enabled(), true);
    entity.syncEnabled = orDefault(r.syncEnabled(), true);
    entity.syncDirection =
        blank(r.syncDirection())
            ? SyncDirection.BIDIRECTIONAL
            : SyncDirection.valueOf(r.syncDirection().trim().toUpperCase(Locale.ROOT));
    entity.syncIntervalMinutes = orDefault(r.syncIntervalMinutes(), 60);
    entity.webhookEnabled = orDefault(r.webhookEnabled(), false);
    entity.maxRetries = orDefault(r.maxRetries(), 3);
    entity.retryDelaySeconds = orDefault(r.retryDelaySeconds(), 30);
    entity.rateLimitRequests = orDefault(r.rateLimitRequests(), 100);
    entity.rateLimitPeriodSeconds = orDefault(r.rateLimitPeriodSeconds(), 60);
    entity.maxConcurrentRequests = orDefault(r.maxConcurrentRequests(), 4);
  }

  /** An update changes what it names; fields it leaves out (null) keep their value. */
  private ConnectionRequest merge(ConnectionEntity e, ConnectionRequest r) {
    Map<String, Object> settings = settings(e);
    if (r.connectionSettings() != null) {
      settings = new LinkedHashMap<>(r.connectionSettings());
    }
    return new ConnectionRequest(
        pick(r.name(), e.name),
        pick(r.description(), e.description),
        pick(r.erpType(), e.erpType.name()),
        pick(r.authType(), e.authType.name()),
        pick(r.baseUrl(), e.baseUrl),
        pick(r.clientId(), e.clientId),
        null,
        pick(r.username(), e.username),
        null,
        null,
        null,
        null,
        pick(r.sapClient(), e.sapClient),
        pick(r.sapSystemId(), e.sapSystemId),
        pick(r.sapInstanceNumber(), e.sapInstanceNumber),
        pick(r.sapLanguage(), e.sapLanguage),
        pick(r.dynamicsTenantId(), e.dynamicsTenantId),
        pick(r.dynamicsEnvironment(), e.dynamicsEnvironment),
        pick(r.dynamicsCompanyId(), e.dynamicsCompanyId),
        pick(r.oracleInstanceUrl(), e.oracleInstanceUrl),
        pick(r.oracleIdentityDomain(), e.oracleIdentityDomain),
        settings,
        pick(r.enabled(), e.enabled),
        pick(r.syncEnabled(), e.syncEnabled),
        pick(r.syncDirection(), e.syncDirection.name()),
        pick(r.syncIntervalMinutes(), e.syncIntervalMinutes),
        pick(r.webhookEnabled(), e.webhookEnabled),
        pick(r.maxRetries(), e.maxRetries),
        pick(r.retryDelaySeconds(), e.retryDelaySeconds),
        pick(r.rateLimitRequests(), e.rateLimitRequests),
        pick(r.rateLimitPeriodSeconds(), e.rateLimitPeriodSeconds),
        pick(r.maxConcurrentRequests(), e.maxConcurrentRequests));
  }

  /** Secrets sent with the request: top-level fields first, then secret keys of the settings. */
  private static Map<String, String> secretsIn(ConnectionRequest r) {
    Map<String, String> secrets = new TreeMap<>();
    if (r.connectionSettings() != null) {
      r.connectionSettings()
          .forEach(
              (key, value) -> {
                if (SETTINGS_SECRETS.contains(key) && isNewSecret(value)) {
                  secrets.put(key, value.toString());
                }
              });
    }
    List<String> values =
        Arrays.asList(r.clientSecret(), r.password(), r.apiKey(), r.privateKey(), r.certificate());
    for (int i = 0; i < TOP_LEVEL_SECRETS.size(); i++) {
      if (isNewSecret(values.get(i))) {
        secrets.put(TOP_LEVEL_SECRETS.get(i), values.get(i));
      }
    }
    return secrets;
  }

  private static boolean isNewSecret(Object value) {
    return !blank(value) && !MASK.equals(value.toString());
  }

  private static Map<String, Object> settingsWithoutSecrets(Map<String, Object> settings) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (settings != null) {
      settings.forEach(
          (key, value) -> {
            if (!SETTINGS_SECRETS.contains(key)) {
              plain.put(key, value);
            }
          });
    }
    return plain;
  }

  private Map<String, EncryptedSecret> storedSecrets(ConnectionEntity entity) {
    try {
      return new TreeMap<>(
          mapper.readValue(entity.secrets, new TypeReference<Map<String, EncryptedSecret>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored secrets of connection " + entity.id + " unreadable");
    }
  }

  private static void reject(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static void touch(ConnectionEntity entity) {
    entity.version++;
    entity.updatedAt = Instant.now();
  }

  private static String context(ConnectionEntity entity, String secretName) {
    return "connection:" + entity.id + ":" + secretName;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }

  private static String emptyToNull(String value) {
    return blank(value) ? null : value.trim();
  }

  private static <T> T pick(T requested, T current) {
    return requested != null ? requested : current;
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}

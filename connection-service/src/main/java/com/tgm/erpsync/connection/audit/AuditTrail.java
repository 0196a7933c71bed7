package com.tgm.erpsync.connection.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The audit trail of the admin API: who wrote what, when, to which connection, and how it ended.
 *
 * <p>A service records a successful write with {@link #recordInTransaction}, inside the write's own
 * transaction, so a committed change always has its entry and a rolled-back one has none. Every
 * other call of an {@link AuditAction} endpoint (rejected, failed, or served elsewhere) is recorded
 * by {@link AuditFilters} when the response is known. No entry ever holds a secret's value.
 */
@ApplicationScoped
public class AuditTrail {
  static final String ANONYMOUS = "anonymous";
  private static final int MAX_ACTOR = 255;
  private static final int MAX_PATH = 2000;

  private final AuditRepository repository;
  private final AuditContext context;
  private final CurrentIdentityAssociation identities;
  private final TransactionSynchronizationRegistry transactions;
  private final ObjectMapper mapper;

  public AuditTrail(
      AuditRepository repository,
      AuditContext context,
      CurrentIdentityAssociation identities,
      TransactionSynchronizationRegistry transactions,
      ObjectMapper mapper) {
    this.repository = repository;
    this.context = context;
    this.identities = identities;
    this.transactions = transactions;
    this.mapper = mapper;
  }

  /**
   * Writes the SUCCESS entry of the current admin write in the caller's transaction: actor, action,
   * method and path come from the current request; {@code changes} should come from {@link #diff}.
   * The HTTP status is added once the response is known. Outside an {@link AuditAction} endpoint
   * nothing is written (a warning says so).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordInTransaction(long connectionId, Map<String, AuditChange> changes) {
    if (!Arc.container().requestContext().isActive() || !context.audited()) {
      Log.warnf(
          "ERP audit: a write of connection %d outside an @AuditAction endpoint is not recorded",
          connectionId);
      return;
    }
    AuditedRequest request = context.request();
    request.changed(connectionId, changes);
    String actor = request.actor() != null ? request.actor() : actorOf(identities.getIdentity());
    AuditEntryEntity entry =
        entry(actor, request.action(), connectionId, request.method(), request.path());
    entry.outcome = AuditOutcome.SUCCESS;
    entry.changes = json(changes);
    repository.persist(entry); // an identity column: the row is inserted now and has its id
    long id = entry.id;
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {
            // nothing to do before the commit
          }

          @Override
          public void afterCompletion(int status) {
            // rolled back, the entry is gone: the filter then records the failed attempt
            if (status == Status.STATUS_COMMITTED) {
              request.committed(id);
            }
          }
        });
  }

  /**
   * The fields that differ between {@code before} and {@code after} (a field missing from a map is
   * null there), sorted by name. A field named in {@code secretFields} never shows its value:
   * {@code ********} on a side where it is present, {@code (set)} or {@code (removed)} where it is
   * absent; nested maps have their keys named in {@code secretFields} masked too. For a secret,
   * pass any value that changes when the secret does (its ciphertext, say).
   */
  public static Map<String, AuditChange> diff(
      Map<String, ?> before, Map<String, ?> after, Set<String> secretFields) {
    Map<String, ?> from = before == null ? Map.of() : before;
    Map<String, ?> to = after == null ? Map.of() : after;
    Set<String> secrets = secretFields == null ? Set.of() : secretFields;
    Set<String> fields = new LinkedHashSet<>(from.keySet());
    fields.addAll(to.keySet());
    Map<String, AuditChange> changes = new TreeMap<>();
    for (String field : fields) {
      Object old = from.get(field);
      Object now = to.get(field);
      if (secrets.contains(field)) {
        if (!same(present(old) ? old : null, present(now) ? now : null)) {
          changes.put(field, AuditChange.ofSecret(present(old), present(now)));
        }
      } else if (!same(old, now)) {
        changes.put(field, new AuditChange(redact(old, secrets), redact(now, secrets)));
      }
    }
    return changes;
  }

  /** Who made the request: the token's subject, else its upn or preferred_username. */
  static String actorOf(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous() || identity.getPrincipal() == null) {
      return ANONYMOUS;
    }
    Principal principal = identity.getPrincipal();
    String actor = principal.getName();
    if (principal instanceof JsonWebToken token) {
      actor =
          firstPresent(
              token.getSubject(),
              claim(token, "upn"),
              claim(token, "preferred_username"),
              principal.getName());
    }
    return present(actor) ? truncate(actor, MAX_ACTOR) : ANONYMOUS;
  }

  /** Writes an entry in a transaction of its own; a failure is logged, never thrown. */
  void recordSeparately(AuditEntryEntity entry) {
    try {
      QuarkusTransaction.requiringNew().run(() -> repository.persist(entry));
    } catch (RuntimeException e) {
      Log.errorf(
          e,
          "ERP audit: could not record %s %s of %s (%s, status %s)",
          entry.action,
          entry.path,
          entry.actor,
          entry.outcome,
          entry.status);
    }
  }

  /** Adds the HTTP status to entries written with their change; a failure is logged only. */
  void completeStatus(List<Long> entryIds, int status) {
    try {
      QuarkusTransaction.requiringNew().run(() -> repository.completeStatus(entryIds, status));
    } catch (RuntimeException e) {
      Log.errorf(e, "ERP audit: could not set status %d on entries %s", status, entryIds);
    }
  }

  static AuditEntryEntity entry(
      String actor, String action, Long connectionId, String method, String path) {
    AuditEntryEntity entry = new AuditEntryEntity();
    entry.occurredAt = Instant.now();
    entry.actor = actor;
    entry.action = action;
    entry.connectionId = connectionId;
    entry.httpMethod = method;
    entry.path = truncate(path, MAX_PATH);
    entry.changes = "{}";
    return entry;
  }

  String json(Map<String, AuditChange> changes) {
    try {
      return mapper.writeValueAsString(changes == null ? Map.of() : new TreeMap<>(changes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ERP audit: changes cannot be written as JSON", e);
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      try {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
      } catch (NumberFormatException notFinite) {
        return x.equals(y);
      }
    }
    return Objects.equals(a, b);
  }

  /** A copy of {@code value} with the values of secret keys in nested maps masked. */
  private static Object redact(Object value, Set<String> secrets) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, nested) ->
              copy.put(
                  key,
                  secrets.contains(String.valueOf(key)) && nested != null
                      ? AuditChange.MASK
                      : redact(nested, secrets)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(item -> redact(item, secrets)).toList();
    }
    return value;
  }

  private static boolean present(Object value) {
    return value != null && !(value instanceof CharSequence text && text.toString().isBlank());
  }

  private static String claim(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    if (value instanceof JsonString text) {
      return text.getString();
    }
    return value == null ? null : value.toString();
  }

  private static String firstPresent(String... candidates) {
    for (String candidate : candidates) {
      if (present(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}

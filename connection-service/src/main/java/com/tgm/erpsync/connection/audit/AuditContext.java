package com.tgm.erpsync.connection.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.Map;
import java.util.Optional;

/**
 * What the current admin request tells the audit trail: the connection it writes and what changed,
 * and whether its entry is already written with the change. The action comes from the endpoint's
 * {@link AuditAction}.
 */
@RequestScoped
public class AuditContext {
  private final AuditedRequest request = new AuditedRequest();

  /**
   * Says which connection the request writes and what changes; the entry written when the request
   * ends carries them. Called more than once, the changes add up and the last connection wins.
   */
  public void changed(long connectionId, Map<String, AuditChange> changes) {
    request.changed(connectionId, changes);
  }

  /** Says which connection the request writes, with no field changes to report. */
  public void changed(long connectionId) {
    changed(connectionId, Map.of());
  }

  public Optional<Long> connectionId() {
    return Optional.ofNullable(request.connectionId());
  }

  public Map<String, AuditChange> changes() {
    return request.changes();
  }

  /** Whether the request's entry was written in a business transaction that committed. */
  public boolean recorded() {
    return !request.committedEntries().isEmpty();
  }

  /** Whether the current request runs an endpoint marked with {@link AuditAction}. */
  public boolean audited() {
    return request.action() != null;
  }

  AuditedRequest request() {
    return request;
  }
}

package com.tgm.erpsync.connection.audit;

import java.time.LocalDateTime;
import java.util.Map;

/** One audit entry as the API shows it; occurredAt is UTC to the second, like every API time. */
public record AuditEntryResponse(
    long id,
    LocalDateTime occurredAt,
    String actor,
    String action,
    Long connectionId,
    String method,
    String path,
    AuditOutcome outcome,
    Integer status,
    Map<String, AuditChange> changes,
    String detail) {}

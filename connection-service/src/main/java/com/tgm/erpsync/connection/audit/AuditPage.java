package com.tgm.erpsync.connection.audit;

import java.util.List;

/** One page of audit entries, newest first; page is 0-based. */
public record AuditPage(
    List<AuditEntryResponse> content, int page, int size, long totalElements, long totalPages) {}

package com.tgm.erpsync.connection.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connection.rest.Problem.FieldError;
import com.tgm.erpsync.connection.service.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail of admin writes, filtered and paged. */
@Path("/api/admin/erp/audit")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 500;

  private final AuditRepository repository;
  private final ObjectMapper mapper;

  public AuditResource(AuditRepository repository, ObjectMapper mapper) {
    this.repository = repository;
    this.mapper = mapper;
  }

  @GET
  @Operation(
      summary = "Query the audit trail",
      description =
          "Every admin write, successful (SUCCESS), refused (REJECTED, 4xx) or failed (FAILED,"
              + " 5xx): who (the token's subject), when, the action, the connection, the changed"
              + " fields with secrets masked, the outcome and the HTTP status. Newest first. from"
              + " (inclusive) and to (exclusive) are ISO date-times, UTC unless they carry an"
              + " offset: 2024-01-15T10:30:00 or 2024-01-15T12:30:00+02:00. page is 0-based;"
              + " size is 50 by default, at most 500.")
  public AuditPage query(
      @Parameter(description = "only entries of this connection") @QueryParam("connectionId")
          String connectionId,
      @Parameter(description = "only entries of this action, e.g. connection.update")
          @QueryParam("action")
          String action,
      @Parameter(description = "entries at or after this time") @QueryParam("from") String from,
      @Parameter(description = "entries before this time") @QueryParam("to") String to,
      @Parameter(description = "0-based page number, 0 by default") @QueryParam("page") String page,
      @Parameter(description = "entries per page, 50 by default, at most 500") @QueryParam("size")
          String size) {
    List<FieldError> errors = new ArrayList<>();
    Long connection = number("connectionId", connectionId, null, 1, Long.MAX_VALUE, errors);
    Instant start = time("from", from, errors);
    Instant end = time("to", to, errors);
    Long pageNumber = number("page", page, 0L, 0, Integer.MAX_VALUE, errors);
    Long pageSize = number("size", size, (long) DEFAULT_SIZE, 1, MAX_SIZE, errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    if (pageNumber != null && pageSize != null && pageNumber * pageSize > Integer.MAX_VALUE) {
      errors.add(new FieldError("page", "is beyond the last possible page"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String actionName = action == null || action.isBlank() ? null : action.trim();
    int p = pageNumber.intValue();
    int s = pageSize.intValue();
    AuditRepository.Result result =
        repository.search(new AuditRepository.Criteria(connection, actionName, start, end), p, s);
    return new AuditPage(
        result.entries().stream().map(this::view).toList(),
        p,
        s,
        result.total(),
        (result.total() + s - 1) / s);
  }

  private AuditEntryResponse view(AuditEntryEntity e) {
    return new AuditEntryResponse(
        e.id,
        LocalDateTime.ofInstant(e.occurredAt.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC),
        e.actor,
        e.action,
        e.connectionId,
        e.httpMethod,
        e.path,
        e.outcome,
        e.status,
        changes(e),
        e.detail);
  }

  private Map<String, AuditChange> changes(AuditEntryEntity e) {
    try {
      return e.changes == null ? Map.of() : mapper.readValue(e.changes, new TypeReference<>() {});
    } catch (JsonProcessingException unreadable) {
      throw new IllegalStateException("ERP audit: changes of entry " + e.id + " unreadable");
    }
  }

  private static Long number(
      String name, String value, Long fallback, long min, long max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number < min || number > max) {
        errors.add(new FieldError(name, "must be between " + min + " and " + max));
        return null;
      }
      return number;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "must be a whole number"));
      return null;
    }
  }

  /** A date-time in UTC, or with its offset; a '+' sent unencoded arrives as a space. */
  private static Instant time(String name, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim().replace(' ', '+');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                name,
                "must be an ISO date-time such as 2024-01-15T10:30:00 (UTC) or"
                    + " 2024-01-15T10:30:00+02:00"));
        return null;
      }
    }
  }
}

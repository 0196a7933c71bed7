package com.tgm.erpsync.orchestrator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.orchestrator.sync.ConflictRepository.Conflict;
import com.tgm.erpsync.orchestrator.sync.ErpKeys;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A conflict of the MANUAL queue. The list shows what a person needs to pick one; the detail adds
 * the merge base, TGM's and the ERP's values side by side per mapped field (TGM field names and
 * forms), with the fields in conflict marked. Times are UTC to the second, as in the job views.
 */
public final class ConflictView {
  private ConflictView() {}

  /** One conflict in a list. */
  public record Summary(
      long id,
      long connectionId,
      long mappingId,
      String entityType,
      String erpEntityName,
      long tgmRecordId,
      String erpRecordId,
      String status,
      String strategy,
      List<String> conflictingFields,
      LocalDateTime detectedAt,
      LocalDateTime updatedAt,
      String resolution,
      String resolvedBy,
      LocalDateTime resolvedAt) {

    static Summary of(Conflict conflict) {
      return new Summary(
          conflict.id(),
          conflict.connectionId(),
          conflict.mappingId(),
          conflict.entityType().name(),
          conflict.erpEntityName(),
          conflict.tgmId(),
          ErpKeys.display(conflict.erpKey()),
          conflict.status(),
          conflict.strategy(),
          conflict.conflictingFields(),
          time(conflict.detectedAt()),
          time(conflict.updatedAt()),
          conflict.resolution(),
          conflict.resolvedBy(),
          time(conflict.resolvedAt()));
    }
  }

  /** One mapped field of the record on both sides. */
  public record Field(
      String field, JsonNode base, JsonNode tgm, JsonNode erp, boolean conflicting) {}

  /** One conflict with both versions. */
  public record Detail(
      long id,
      long connectionId,
      long mappingId,
      String entityType,
      String erpEntityName,
      long tgmRecordId,
      String erpRecordId,
      String status,
      String strategy,
      List<String> conflictingFields,
      List<Field> fields,
      JsonNode baseValues,
      JsonNode tgmValues,
      JsonNode erpValues,
      LocalDateTime tgmModifiedAt,
      LocalDateTime erpModifiedAt,
      Long detectedByJobId,
      LocalDateTime detectedAt,
      LocalDateTime updatedAt,
      String resolution,
      JsonNode resolvedValues,
      String resolvedBy,
      LocalDateTime resolvedAt,
      Long resolvedByJobId) {

    static Detail of(Conflict conflict) {
      List<Field> fields = new ArrayList<>();
      conflict
          .mergedValues()
          .fieldNames()
          .forEachRemaining(
              name ->
                  fields.add(
                      new Field(
                          name,
                          conflict.baseValues() == null ? null : conflict.baseValues().get(name),
                          conflict.tgmValues().get(name),
                          conflict.erpValues().get(name),
                          conflict.conflictingFields().contains(name))));
      return new Detail(
          conflict.id(),
          conflict.connectionId(),
          conflict.mappingId(),
          conflict.entityType().name(),
          conflict.erpEntityName(),
          conflict.tgmId(),
          ErpKeys.display(conflict.erpKey()),
          conflict.status(),
          conflict.strategy(),
          conflict.conflictingFields(),
          fields,
          conflict.baseValues(),
          conflict.tgmValues(),
          conflict.erpValues(),
          time(conflict.tgmModifiedAt()),
          time(conflict.erpModifiedAt()),
          conflict.detectedByJobId(),
          time(conflict.detectedAt()),
          time(conflict.updatedAt()),
          conflict.resolution(),
          conflict.resolvedValues(),
          conflict.resolvedBy(),
          time(conflict.resolvedAt()),
          conflict.resolvedByJobId());
    }
  }

  private static LocalDateTime time(Instant instant) {
    return instant == null
        ? null
        : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }
}

package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One record mapped to the other side. The record holds every field that converted, even when
 * others failed (a preview shows both); a record with any problem must not be written.
 *
 * @param record the mapped record: TGM field names after {@code toTgm}, ERP field names (nested
 *     objects for dotted paths) after {@code toErp}
 * @param problems the fields that could not be mapped, in mapping order; empty when the record is
 *     good
 */
public record MappingResult(ObjectNode record, List<FieldProblem> problems) {

  public MappingResult {
    Objects.requireNonNull(record, "record");
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** The code the record fails with: that of its first problem, or null when it is good. */
  public ErrorCode errorCode() {
    return problems.isEmpty() ? null : problems.get(0).code();
  }

  /** Every problem's message, joined by "; ", for a RecordFailed message or an error log line. */
  public String problemSummary() {
    return problems.stream().map(FieldProblem::message).collect(Collectors.joining("; "));
  }
}

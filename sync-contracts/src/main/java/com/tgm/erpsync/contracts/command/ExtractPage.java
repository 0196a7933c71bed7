package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.time.Instant;
import java.util.Objects;

/**
 * Read one page of an ERP entity set. A null cursor asks for the first page; a null modifiedSince
 * asks for everything (full sync), otherwise only records whose deltaField is later (incremental).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtractPage(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    long mappingVersion,
    String erpEntityName,
    String cursor,
    int pageSize,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant modifiedSince,
    String deltaField,
    String filter)
    implements ConnectorCommand {

  public ExtractPage {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
  }
}

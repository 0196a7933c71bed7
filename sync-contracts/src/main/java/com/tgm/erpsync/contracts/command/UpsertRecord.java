package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Objects;

/** Create or update one ERP record; answered by RecordApplied or RecordFailed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpsertRecord(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String erpEntityName,
    RecordWrite write)
    implements ConnectorCommand {

  public UpsertRecord {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
    Objects.requireNonNull(write, "write");
  }
}

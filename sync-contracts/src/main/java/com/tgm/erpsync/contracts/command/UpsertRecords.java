package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.List;
import java.util.Objects;

/**
 * Create or update a batch of ERP records in one command (OData $batch where the ERP has it);
 * answered by one RecordApplied or RecordFailed per write.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpsertRecords(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String erpEntityName,
    List<RecordWrite> writes)
    implements ConnectorCommand {

  public UpsertRecords {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
    Objects.requireNonNull(writes, "writes");
  }
}

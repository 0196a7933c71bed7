package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Map;
import java.util.Objects;

/**
 * Read one ERP record by key, e.g. after a webhook that carried only the key. Answered by
 * RecordFetched, or RecordFailed (NOT_FOUND when the ERP has no such record).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchRecord(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String erpEntityName,
    Map<String, String> erpKey)
    implements ConnectorCommand {

  public FetchRecord {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(erpEntityName, "erpEntityName");
    Objects.requireNonNull(erpKey, "erpKey");
  }
}

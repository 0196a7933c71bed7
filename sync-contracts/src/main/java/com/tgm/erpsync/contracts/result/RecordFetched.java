package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.Objects;

/** The record a FetchRecord asked for. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordFetched(
    MessageMeta meta, long connectionId, long jobId, long mappingId, ErpRecord record)
    implements ConnectorResult {

  public RecordFetched {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(record, "record");
  }
}

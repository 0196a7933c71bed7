package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.tgm.erpsync.contracts.SyncMessage;

/**
 * What a connector reports back for a command, on erp.results keyed by jobId (ConnectionTested by
 * connectionId); meta.correlationId repeats the command's, so results join their job.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PageExtracted.class, name = "PageExtracted"),
  @JsonSubTypes.Type(value = ExtractFailed.class, name = "ExtractFailed"),
  @JsonSubTypes.Type(value = RecordFetched.class, name = "RecordFetched"),
  @JsonSubTypes.Type(value = RecordApplied.class, name = "RecordApplied"),
  @JsonSubTypes.Type(value = RecordFailed.class, name = "RecordFailed"),
  @JsonSubTypes.Type(value = ConnectionTested.class, name = "ConnectionTested")
})
public sealed interface ConnectorResult extends SyncMessage
    permits PageExtracted,
        ExtractFailed,
        RecordFetched,
        RecordApplied,
        RecordFailed,
        ConnectionTested {

  long connectionId();
}

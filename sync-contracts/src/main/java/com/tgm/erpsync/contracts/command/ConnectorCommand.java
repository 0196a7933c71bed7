package com.tgm.erpsync.contracts.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.tgm.erpsync.contracts.SyncMessage;

/**
 * What a connector is asked to do against one connection's ERP. Sent on erp.commands.{family},
 * keyed by connectionId; every command is answered by a result on erp.results.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ExtractPage.class, name = "ExtractPage"),
  @JsonSubTypes.Type(value = FetchRecord.class, name = "FetchRecord"),
  @JsonSubTypes.Type(value = UpsertRecord.class, name = "UpsertRecord"),
  @JsonSubTypes.Type(value = UpsertRecords.class, name = "UpsertRecords"),
  @JsonSubTypes.Type(value = DeleteRecord.class, name = "DeleteRecord"),
  @JsonSubTypes.Type(value = TestConnection.class, name = "TestConnection")
})
public sealed interface ConnectorCommand extends SyncMessage
    permits ExtractPage, FetchRecord, UpsertRecord, UpsertRecords, DeleteRecord, TestConnection {

  long connectionId();
}

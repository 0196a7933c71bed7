package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.MessageMeta;
import com.tgm.erpsync.contracts.Topics;
import com.tgm.erpsync.contracts.command.ConnectorCommand;
import com.tgm.erpsync.contracts.command.DeleteRecord;
import com.tgm.erpsync.contracts.command.ExtractPage;
import com.tgm.erpsync.contracts.command.FetchRecord;
import com.tgm.erpsync.contracts.command.RecordWrite;
import com.tgm.erpsync.contracts.command.UpsertRecord;
import com.tgm.erpsync.contracts.command.UpsertRecords;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Sends connector commands through the transactional outbox, in the transaction of the decision to
 * send them: a crash either loses the decision and the command or keeps both. Commands go to the
 * command topic of the connection's ERP family, keyed by connection, with the job id as correlation
 * id.
 */
@ApplicationScoped
public class CommandSender {
  /** Page size when a mapping names none. */
  static final int DEFAULT_PAGE_SIZE = 100;

  private final Outbox outbox;
  private final ObjectWriter writer;
  private final ObjectWriter writeWriter;

  public CommandSender(Outbox outbox, ObjectMapper mapper) {
    this.outbox = outbox;
    this.writer = mapper.writerFor(ConnectorCommand.class);
    this.writeWriter = mapper.writerFor(RecordWrite.class);
  }

  public ExtractPage extractPage(
      SyncJob job, SyncTask task, MappingSnapshot mapping, ErpType erpType) {
    ExtractPage page =
        new ExtractPage(
            meta(job),
            job.connectionId,
            job.id,
            task.mappingId,
            mapping.version(),
            task.erpEntityName,
            task.pageCursor,
            mapping.batchSize() > 0 ? mapping.batchSize() : DEFAULT_PAGE_SIZE,
            task.modifiedSince,
            mapping.deltaField(),
            mapping.filter());
    send(erpType, page);
    return page;
  }

  /**
   * Writes for one task: one {@link UpsertRecord}, or several as one {@link UpsertRecords} that the
   * connector sends as a batch (each write answered on its own).
   */
  public void upsert(SyncJob job, SyncTask task, ErpType erpType, List<RecordWrite> writes) {
    if (writes.size() == 1) {
      send(
          erpType,
          new UpsertRecord(
              meta(job),
              job.connectionId,
              job.id,
              task.mappingId,
              task.erpEntityName,
              writes.get(0)));
    } else {
      send(
          erpType,
          new UpsertRecords(
              meta(job), job.connectionId, job.id, task.mappingId, task.erpEntityName, writes));
    }
  }

  /** The size of a write as a command carries it, in bytes of JSON. */
  int encodedSize(RecordWrite write) {
    try {
      return writeWriter.writeValueAsBytes(write).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot encode a write of TGM record " + write.tgmRecordId(), e);
    }
  }

  /** Deletes the ERP record linked to a TGM record that was deleted. */
  public void delete(
      SyncJob job,
      SyncTask task,
      ErpType erpType,
      long tgmRecordId,
      Map<String, String> erpKey,
      String ifMatch,
      String idempotencyKey) {
    send(
        erpType,
        new DeleteRecord(
            meta(job),
            job.connectionId,
            job.id,
            task.mappingId,
            task.erpEntityName,
            tgmRecordId,
            erpKey,
            ifMatch,
            idempotencyKey));
  }

  public void fetch(SyncJob job, SyncTask task, ErpType erpType, Map<String, String> erpKey) {
    send(
        erpType,
        new FetchRecord(
            meta(job), job.connectionId, job.id, task.mappingId, task.erpEntityName, erpKey));
  }

  private void send(ErpType erpType, ConnectorCommand command) {
    try {
      outbox.append(
          Topics.commandsFor(erpType),
          Topics.connectionKey(command.connectionId()),
          writer.writeValueAsString(command));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + command.getClass().getSimpleName(), e);
    }
  }

  private static MessageMeta meta(SyncJob job) {
    return MessageMeta.create(Long.toString(job.id));
  }
}

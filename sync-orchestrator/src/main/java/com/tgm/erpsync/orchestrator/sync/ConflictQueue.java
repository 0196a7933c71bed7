package com.tgm.erpsync.orchestrator.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import com.tgm.erpsync.contracts.snapshot.MappingSnapshot;
import com.tgm.erpsync.mapping.engine.FieldProblem;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.orchestrator.directory.ConnectionDirectory;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException.Violation;
import com.tgm.erpsync.orchestrator.jobs.JobConflictException;
import com.tgm.erpsync.orchestrator.jobs.JobConflictException.Reason;
import com.tgm.erpsync.orchestrator.jobs.Page;
import com.tgm.erpsync.orchestrator.jobs.UnknownResourceException;
import com.tgm.erpsync.orchestrator.sync.ConflictRepository.Conflict;
import com.tgm.erpsync.orchestrator.tgm.TgmRow;
import com.tgm.erpsync.orchestrator.tgm.TgmStore;
import com.tgm.erpsync.orchestrator.tgm.TgmWriteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The MANUAL queue as the admin API serves it: conflicts listed and read, and resolved with TGM's
 * values, the ERP's, or values a person merged. A resolution is applied through the normal
 * pipeline: TGM written at once (marked as synced, so it does not come back), the ERP through the
 * connection's REALTIME job with the version the conflict last saw (If-Match), and the chosen
 * values become the merge base.
 */
@ApplicationScoped
public class ConflictQueue {
  /** Business events: the guide's "grep ErpSync" and "grep ERP" find them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.conflicts");

  /** What a person chose. */
  public enum Resolution {
    TGM,
    ERP,
    MERGED
  }

  private final ConflictRepository conflicts;
  private final ConnectionDirectory connections;
  private final TaskResources resources;
  private final TgmStore tgm;
  private final LedgerRepository ledger;
  private final RealtimeJobs realtimeJobs;
  private final RealtimeSync realtime;
  private final ConflictEvents events;
  private final JobRepository jobs;
  private final JobFlow flow;

  public ConflictQueue(
      ConflictRepository conflicts,
      ConnectionDirectory connections,
      TaskResources resources,
      TgmStore tgm,
      LedgerRepository ledger,
      RealtimeJobs realtimeJobs,
      RealtimeSync realtime,
      ConflictEvents events,
      JobRepository jobs,
      JobFlow flow) {
    this.conflicts = conflicts;
    this.connections = connections;
    this.resources = resources;
    this.tgm = tgm;
    this.ledger = ledger;
    this.realtimeJobs = realtimeJobs;
    this.realtime = realtime;
    this.events = events;
    this.jobs = jobs;
    this.flow = flow;
  }

  public Page<Conflict> list(
      Long connectionId, String status, EntityType entity, int page, int size) {
    return conflicts.list(connectionId, status, entity, page, size);
  }

  public Conflict get(long id) {
    return conflicts.find(id).orElseThrow(() -> unknown(id));
  }

  /**
   * Resolves an open conflict and applies the chosen values to the side(s) that do not hold them.
   *
   * @param values for MERGED: the value of every conflicting field (TGM field names, TGM form), and
   *     of any other mapped field to change; ignored otherwise
   * @throws InvalidRequestException naming the field at fault; nothing changed
   * @throws JobConflictException when the conflict is resolved already or cannot be applied now
   */
  @Transactional
  public Conflict resolve(long id, Resolution resolution, JsonNode values, String resolvedBy) {
    Objects.requireNonNull(resolution, "resolution");
    Conflict conflict = conflicts.lock(id).orElseThrow(() -> unknown(id));
    if (!conflict.isOpen()) {
      throw new JobConflictException(
          Reason.CONFLICT_RESOLVED,
          "Conflict "
              + id
              + " was resolved already ("
              + conflict.resolution()
              + " by "
              + conflict.resolvedBy()
              + " at "
              + conflict.resolvedAt()
              + ")");
    }
    MappingSnapshot mapping =
        resources
            .mapping(conflict.mappingId())
            .orElseThrow(
                () ->
                    unresolvable(
                        "mapping " + conflict.mappingId() + " of the conflict no longer exists"));
    MappingEngine engine =
        resources
            .engine(mapping.id())
            .orElseThrow(() -> unresolvable("mapping " + mapping.id() + " is unusable"));
    ConnectionSnapshot connection =
        connections
            .find(conflict.connectionId())
            .filter(c -> c.enabled() && c.syncEnabled())
            .orElseThrow(
                () ->
                    unresolvable(
                        "connection "
                            + conflict.connectionId()
                            + " is unknown, disabled or not syncing: the resolution could not"
                            + " reach the ERP"));
    TgmRow row =
        tgm.find(conflict.entityType(), conflict.tgmId())
            .orElseThrow(
                () ->
                    unresolvable(
                        "TGM "
                            + conflict.entityType()
                            + " "
                            + conflict.tgmId()
                            + " no longer exists"));
    ObjectNode chosen = chosen(conflict, resolution, values, row);
    ObjectNode probe = chosen.deepCopy();
    probe.put("id", conflict.tgmId());
    MappingResult mapped = engine.toErp(probe);
    if (!mapped.ok()) {
      throw new InvalidRequestException(violations(mapped.problems()));
    }

    Work work = new Work(jobs, Map.of());
    SyncJob job = realtimeJobs.current(work, connection);
    ObjectNode tgmChanges = differences(chosen, row.values(), engine);
    if (!tgmChanges.isEmpty()) {
      try {
        tgm.update(conflict.entityType(), conflict.tgmId(), tgmChanges, connection.id());
      } catch (TgmWriteException e) {
        String field = e.field() == null ? "values" : "values." + e.field();
        throw new InvalidRequestException(field, "TGM refuses it: " + e.getMessage());
      }
    }
    boolean erpWrite = !differences(chosen, conflict.erpValues(), engine).isEmpty();
    if (erpWrite) {
      realtime.writeMerged(
          work,
          connection,
          mapping,
          conflict.tgmId(),
          chosen,
          conflict.erpKey(),
          conflict.erpEtag(),
          "conflict-" + id);
    } else {
      job.succeeded();
    }
    ObjectNode base =
        conflict.baseValues() == null
            ? SyncJson.EXACT.createObjectNode()
            : conflict.baseValues().deepCopy();
    base.setAll(chosen);
    ledger.link(
        connection.id(),
        conflict.entityType(),
        conflict.tgmId(),
        conflict.erpKey(),
        conflict.erpEtag(),
        conflict.erpModifiedAt(),
        null,
        base,
        engine.hash(base),
        erpWrite ? SyncTask.OUTBOUND : SyncTask.INBOUND,
        job.id);
    conflicts.markResolved(id, resolution.name(), chosen, resolvedBy, job.id);
    events.resolved(
        new ConflictEvents.Conflicted(
            conflict.connectionId(),
            conflict.mappingId(),
            conflict.entityType().name(),
            conflict.tgmId(),
            conflict.erpKey(),
            conflict.strategy(),
            job.id),
        id,
        conflict.conflictingFields(),
        resolution.name(),
        resolvedBy);
    flow.finish(work);
    LOG.infof(
        "ERP sync conflict %d on TGM %s %d / ERP %s resolved by %s: %s values%s (job %d)",
        id,
        conflict.entityType(),
        conflict.tgmId(),
        ErpKeys.display(conflict.erpKey()),
        resolvedBy,
        resolution,
        erpWrite ? ", written to the ERP" : "",
        job.id);
    return conflicts.find(id).orElseThrow();
  }

  /** The values to keep: every mapped field, from the chosen side or the person's merge. */
  private static ObjectNode chosen(
      Conflict conflict, Resolution resolution, JsonNode values, TgmRow row) {
    ObjectNode merged = conflict.mergedValues();
    ObjectNode chosen = SyncJson.EXACT.createObjectNode();
    switch (resolution) {
      case TGM -> merged.fieldNames().forEachRemaining(f -> chosen.set(f, row.values().get(f)));
      case ERP ->
          merged.fieldNames().forEachRemaining(f -> chosen.set(f, conflict.erpValues().get(f)));
      case MERGED -> {
        if (values == null || !values.isObject()) {
          throw new InvalidRequestException(
              "values",
              "required for MERGED: an object with the value of each conflicting field ("
                  + String.join(", ", conflict.conflictingFields())
                  + ")");
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = values.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!merged.has(name)) {
            violations.add(
                new Violation(
                    "values." + name,
                    "is no field of mapping "
                        + conflict.mappingId()
                        + " (mapped fields: "
                        + String.join(",", iterable(merged))
                        + ")"));
          }
        }
        for (String field : conflict.conflictingFields()) {
          if (!values.has(field)) {
            violations.add(
                new Violation(
                    "values." + field,
                    "required: the field is in conflict (TGM "
                        + conflict.tgmValues().get(field)
                        + ", ERP "
                        + conflict.erpValues().get(field)
                        + ")"));
          }
        }
        if (!violations.isEmpty()) {
          throw new InvalidRequestException(violations);
        }
        chosen.setAll(merged);
        values.fields().forEachRemaining(e -> chosen.set(e.getKey(), e.getValue()));
      }
    }
    return chosen;
  }

  /** The chosen values that differ (by meaning) from what a side holds. */
  private static ObjectNode differences(ObjectNode chosen, ObjectNode side, MappingEngine engine) {
    ObjectNode changes = SyncJson.EXACT.createObjectNode();
    chosen
        .fields()
        .forEachRemaining(
            e -> {
              ObjectNode mine = SyncJson.EXACT.createObjectNode().set(e.getKey(), e.getValue());
              ObjectNode theirs =
                  SyncJson.EXACT.createObjectNode().set(e.getKey(), side.get(e.getKey()));
              if (!engine.hash(mine).equals(engine.hash(theirs))) {
                changes.set(e.getKey(), e.getValue());
              }
            });
    return changes;
  }

  private static List<Violation> violations(List<FieldProblem> problems) {
    List<Violation> violations = new ArrayList<>();
    for (FieldProblem problem : problems) {
      violations.add(
          new Violation(
              "values." + (problem.tgmField() == null ? "" : problem.tgmField()),
              problem.message()));
    }
    return violations.isEmpty()
        ? List.of(new Violation("values", "the values cannot be mapped to the ERP"))
        : violations;
  }

  private static List<String> iterable(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static UnknownResourceException unknown(long id) {
    return new UnknownResourceException("Conflict " + id + " does not exist");
  }

  private static JobConflictException unresolvable(String why) {
    return new JobConflictException(
        Reason.CONFLICT_UNRESOLVABLE, "The conflict cannot be resolved now: " + why);
  }
}

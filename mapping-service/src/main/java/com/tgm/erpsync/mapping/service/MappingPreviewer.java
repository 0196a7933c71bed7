package com.tgm.erpsync.mapping.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.FieldType;
import com.tgm.erpsync.contracts.SyncDirection;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.mapping.engine.FieldProblem;
import com.tgm.erpsync.mapping.engine.InvalidMappingException;
import com.tgm.erpsync.mapping.engine.MappingEngine;
import com.tgm.erpsync.mapping.engine.MappingResult;
import com.tgm.erpsync.mapping.engine.ReferenceResolver;
import com.tgm.erpsync.mapping.messaging.MappingPublisher;
import com.tgm.erpsync.mapping.rest.PreviewRequest;
import com.tgm.erpsync.mapping.rest.PreviewResponse;
import com.tgm.erpsync.mapping.rest.PreviewResponse.FailedField;
import com.tgm.erpsync.mapping.rest.PreviewResponse.UnresolvedReference;
import com.tgm.erpsync.mapping.rest.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a stored mapping on a sample record with the engine a sync uses, and writes nothing: no row,
 * no message. REFERENCE values are translated by a sync through its ledger of linked records; the
 * preview has none, so it lists them instead of failing them.
 */
@ApplicationScoped
public class MappingPreviewer {
  private final MappingService mappings;

  public MappingPreviewer(MappingService mappings) {
    this.mappings = mappings;
  }

  public PreviewResponse preview(long mappingId, PreviewRequest request) {
    StoredMapping stored = mappings.get(mappingId);
    SyncDirection direction = checkRequest(request, stored);
    MappingEngine engine;
    try {
      engine = MappingEngine.compile(MappingPublisher.snapshot(stored), ReferenceResolver.none());
    } catch (InvalidMappingException e) {
      // stored under older rules: fixing it is the admin's move
      throw new ConflictException(
          "fieldMappings",
          "Mapping "
              + mappingId
              + " cannot run: "
              + e.problems().stream().map(FieldProblem::message).collect(Collectors.joining("; "))
              + ". Correct it with PUT /api/admin/erp/mappings/"
              + mappingId);
    }

    JsonNode sample = request.record();
    boolean inbound = direction == SyncDirection.INBOUND;
    MappingResult result = inbound ? engine.toTgm(sample) : engine.toErp(sample);
    Map<String, FieldMappingSpec> references =
        stored.definition().fieldMappings().stream()
            .filter(f -> f.fieldType() == FieldType.REFERENCE)
            .collect(Collectors.toMap(FieldMappingSpec::tgmField, f -> f, (a, b) -> a));
    List<FailedField> failed = new ArrayList<>();
    List<UnresolvedReference> unresolved = new ArrayList<>();
    for (FieldProblem problem : result.problems()) {
      FieldMappingSpec reference = references.get(problem.tgmField());
      if (reference != null && problem.code() == ErrorCode.MAPPING_ERROR) {
        // the only MAPPING_ERROR of a reference without a ledger: not linked
        unresolved.add(
            new UnresolvedReference(
                reference.tgmField(),
                reference.erpField(),
                reference.referenceEntity().name(),
                problem.value()));
      } else {
        failed.add(
            new FailedField(
                problem.code().name(),
                problem.tgmField(),
                problem.erpField(),
                problem.value(),
                problem.expected(),
                problem.message()));
      }
    }
    String hash = null;
    if (failed.isEmpty() && unresolved.isEmpty()) {
      hash = inbound ? engine.inboundHash(result.record()) : engine.outboundHash(sample);
    }
    return new PreviewResponse(
        stored.id(),
        stored.version(),
        direction.name(),
        result.record(),
        (inbound ? engine.erpKey(sample) : engine.erpKeyFor(sample)).orElse(null),
        hash,
        failed.isEmpty() ? null : failed.get(0).code(),
        failed,
        unresolved);
  }

  /** The direction asked for, if the request is a preview this mapping can run. */
  private static SyncDirection checkRequest(PreviewRequest request, StoredMapping stored) {
    if (request == null) {
      throw invalid("body", "is required: {\"direction\": \"INBOUND\", \"record\": {...}}");
    }
    List<FieldError> errors = new ArrayList<>();
    SyncDirection direction = null;
    String given = request.direction();
    if (given == null || given.isBlank()) {
      errors.add(
          new FieldError(
              "direction",
              "is required: INBOUND (record is an ERP record) or OUTBOUND (a TGM record)"));
    } else {
      String name = given.trim().toUpperCase(Locale.ROOT);
      if (name.equals("INBOUND") || name.equals("OUTBOUND")) {
        direction = SyncDirection.valueOf(name);
        SyncDirection own = stored.definition().syncDirection();
        boolean flows =
            direction == SyncDirection.INBOUND ? own.allowsInbound() : own.allowsOutbound();
        if (!flows) {
          errors.add(
              new FieldError(
                  "direction",
                  "mapping "
                      + stored.id()
                      + " is "
                      + own
                      + ": nothing flows "
                      + direction
                      + ", so there is nothing to preview"));
        }
      } else {
        errors.add(new FieldError("direction", "'" + given + "' is neither INBOUND nor OUTBOUND"));
      }
    }
    if (request.record() == null || !request.record().isObject()) {
      errors.add(
          new FieldError(
              "record",
              "must be a JSON object: "
                  + (direction == SyncDirection.OUTBOUND
                      ? "a TGM record with TGM field names"
                      : "an ERP record as the ERP sends it")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return direction;
  }

  private static InvalidInputException invalid(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)));
  }
}

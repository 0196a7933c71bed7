package com.tgm.erpsync.mapping.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.EntityType;
import com.tgm.erpsync.contracts.snapshot.FieldMappingSpec;
import com.tgm.erpsync.mapping.config.ConnectionsConfig;
import com.tgm.erpsync.mapping.messaging.ConnectionDeleted;
import com.tgm.erpsync.mapping.messaging.ConnectionTable;
import com.tgm.erpsync.mapping.messaging.MappingPublisher;
import com.tgm.erpsync.mapping.repository.MappingEntity;
import com.tgm.erpsync.mapping.repository.MappingRepository;
import com.tgm.erpsync.mapping.rest.FieldMappingRequest;
import com.tgm.erpsync.mapping.rest.MappingRequest;
import com.tgm.erpsync.mapping.rest.Problem.FieldError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Entity mappings: validated against the TGM field catalogue, stored, and published as a full
 * snapshot to erp.mappings through the outbox in the same transaction as every change. Every write
 * of a connection's mappings first takes that connection's lock, so a create never races the
 * removal of its connection's mappings or a second mapping of the same entity.
 */
@ApplicationScoped
public class MappingService {
  /** Business events: the guide's "grep ErpSync" finds them. */
  private static final Logger LOG = Logger.getLogger("ErpSync.mappings");

  private static final TypeReference<List<FieldMappingSpec>> FIELD_MAPPINGS =
      new TypeReference<>() {};

  private final MappingRepository repository;
  private static final java.time.Duration PUBLISH_WAIT = java.time.Duration.ofSeconds(5);

  private final ConnectionTable connections;
  private final MappingPublisher publisher;
  private final ConnectionsConfig config;
  private final ObjectMapper mapper;

  public MappingService(
      MappingRepository repository,
      ConnectionTable connections,
      MappingPublisher publisher,
      ConnectionsConfig config,
      ObjectMapper mapper) {
    this.repository = repository;
    this.connections = connections;
    this.publisher = publisher;
    this.config = config;
    this.mapper = mapper;
  }

  /**
   * Waits until the mapping's committed change is on erp.mappings (at most 5 s), so a sync started
   * right after the answer finds it; a change the outbox has not relayed by then is logged and
   * still answered (it goes out once Kafka takes it).
   */
  public void awaitPublished(long mappingId) {
    try {
      if (!publisher.awaitPublished(mappingId, PUBLISH_WAIT)) {
        LOG.warnf(
            "ERP mapping %d: its change is committed but not yet on erp.mappings after %d s",
            mappingId, PUBLISH_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The connection's mappings in creation order; 404 for a connection that does not exist. */
  public List<StoredMapping> list(long connectionId) {
    requireConnection(connectionId);
    return repository.listOfConnection(connectionId).stream().map(this::stored).toList();
  }

  @Transactional
  public StoredMapping get(long mappingId) {
    return stored(find(mappingId));
  }

  /**
   * Creates the mapping: 404 if the connection does not exist, 400 naming every problem, 409 if the
   * connection already maps the entity.
   */
  public StoredMapping create(long connectionId, MappingRequest request) {
    requireConnection(connectionId); // waits outside the transaction
    MappingDefinition definition = MappingValidator.validate(request);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              repository.lockConnection(connectionId);
              if (!connections.isKnown(connectionId)) {
                throw unknownConnection(connectionId); // deleted meanwhile
              }
              rejectSecondMapping(connectionId, definition.tgmEntityType(), null);
              MappingEntity entity = new MappingEntity();
              entity.connectionId = connectionId;
              apply(entity, definition);
              entity.version = 1;
              entity.createdAt = Instant.now();
              entity.updatedAt = entity.createdAt;
              repository.persist(entity);
              StoredMapping created = stored(entity);
              publisher.publish(created);
              LOG.infof(
                  "ERP mapping %d created on connection %d: %s → %s, %d field(s), %s",
                  entity.id,
                  connectionId,
                  definition.tgmEntityType(),
                  definition.erpEntityName(),
                  definition.fieldMappings().size(),
                  definition.syncDirection());
              return created;
            });
  }

  /**
   * Changes the fields the request names (a given {@code fieldMappings} replaces the list), checks
   * the result as a whole, and makes a new version only if something changed.
   */
  @Transactional
  public StoredMapping update(long mappingId, MappingRequest request) {
    if (request == null) {
      throw new InvalidInputException(
          List.of(new FieldError("body", "is required: the fields to change")));
    }
    MappingEntity entity = lockAndFind(mappingId);
    MappingDefinition current = definition(entity);
    MappingDefinition updated = MappingValidator.validate(merge(current, request));
    if (updated.equals(current)) {
      return stored(entity); // nothing changed: no new version, nothing to publish
    }
    if (updated.tgmEntityType() != current.tgmEntityType()) {
      rejectSecondMapping(entity.connectionId, updated.tgmEntityType(), entity.id);
    }
    apply(entity, updated);
    entity.version++;
    entity.updatedAt = Instant.now();
    StoredMapping stored = stored(entity);
    publisher.publish(stored);
    LOG.infof(
        "ERP mapping %d (%s → %s) updated to version %d",
        entity.id, updated.tgmEntityType(), updated.erpEntityName(), entity.version);
    return stored;
  }

  @Transactional
  public void delete(long mappingId) {
    MappingEntity entity = lockAndFind(mappingId);
    repository.delete(entity);
    publisher.publishDeletion(mappingId);
    LOG.infof(
        "ERP mapping %d (%s → %s) of connection %d deleted",
        mappingId, entity.tgmEntityType, entity.erpEntityName, entity.connectionId);
  }

  /**
   * A deleted connection takes its mappings along, each with its tombstone, in one transaction; a
   * replayed deletion finds nothing left to do.
   */
  @Transactional
  void removeMappingsOf(@Observes ConnectionDeleted deletion) {
    long connectionId = deletion.connectionId();
    repository.lockConnection(connectionId);
    List<MappingEntity> mappings = repository.listOfConnection(connectionId);
    for (MappingEntity mapping : mappings) {
      repository.delete(mapping);
      publisher.publishDeletion(mapping.id);
    }
    if (!mappings.isEmpty()) {
      LOG.infof(
          "ERP connection %d was deleted: its mapping(s) %s deleted with it",
          connectionId, mappings.stream().map(m -> m.id).toList());
    }
  }

  /** The mapping, after taking its connection's lock; 404 if it does not exist (any more). */
  private MappingEntity lockAndFind(long mappingId) {
    long connectionId = repository.connectionOf(mappingId).orElseThrow(() -> noMapping(mappingId));
    repository.lockConnection(connectionId);
    return find(mappingId);
  }

  private MappingEntity find(long mappingId) {
    return repository.findByIdOptional(mappingId).orElseThrow(() -> noMapping(mappingId));
  }

  private void requireConnection(long connectionId) {
    try {
      if (!connections.awaitKnown(connectionId, config.catchUpWait())) {
        throw unknownConnection(connectionId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up connection " + connectionId);
    }
  }

  private void rejectSecondMapping(long connectionId, EntityType entity, Long self) {
    repository
        .findByConnectionAndEntity(connectionId, entity)
        .filter(other -> !other.id.equals(self))
        .ifPresent(
            other -> {
              throw new ConflictException(
                  "tgmEntityType",
                  "Connection "
                      + connectionId
                      + " already maps "
                      + entity
                      + " (mapping "
                      + other.id
                      + "): change that mapping (PUT /api/admin/erp/mappings/"
                      + other.id
                      + ") or delete it first");
            });
  }

  /** An update changes what it names; fields it leaves out (null) keep their value. */
  private static MappingRequest merge(MappingDefinition current, MappingRequest r) {
    return new MappingRequest(
        pick(r.tgmEntityType(), current.tgmEntityType().name()),
        pick(r.erpEntityName(), current.erpEntityName()),
        pick(r.syncEnabled(), current.syncEnabled()),
        pick(r.syncDirection(), current.syncDirection().name()),
        pick(r.conflictResolution(), current.conflictResolution().name()),
        pick(r.batchSize(), current.batchSize()),
        pick(r.deltaField(), current.deltaField()),
        pick(r.filter(), current.filter()),
        r.fieldMappings() != null
            ? r.fieldMappings()
            : current.fieldMappings().stream().map(FieldMappingRequest::of).toList());
  }

  private void apply(MappingEntity entity, MappingDefinition d) {
    entity.tgmEntityType = d.tgmEntityType();
    entity.erpEntityName = d.erpEntityName();
    entity.syncEnabled = d.syncEnabled();
    entity.syncDirection = d.syncDirection();
    entity.conflictResolution = d.conflictResolution();
    entity.batchSize = d.batchSize();
    entity.deltaField = d.deltaField();
    entity.filter = d.filter();
    try {
      entity.fieldMappings = mapper.writeValueAsString(d.fieldMappings());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the field mappings", e);
    }
  }

  private MappingDefinition definition(MappingEntity entity) {
    try {
      return new MappingDefinition(
          entity.tgmEntityType,
          entity.erpEntityName,
          entity.syncEnabled,
          entity.syncDirection,
          entity.conflictResolution,
          entity.batchSize,
          entity.deltaField,
          entity.filter,
          mapper.readValue(entity.fieldMappings, FIELD_MAPPINGS));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored field mappings of mapping " + entity.id, e);
    }
  }

  private StoredMapping stored(MappingEntity entity) {
    return new StoredMapping(
        entity.id,
        entity.connectionId,
        definition(entity),
        entity.version,
        entity.createdAt,
        entity.updatedAt);
  }

  private static ResourceNotFoundException unknownConnection(long connectionId) {
    return new ResourceNotFoundException(
        "Connection "
            + connectionId
            + " does not exist: create it first (POST /api/admin/erp/connections)");
  }

  private static ResourceNotFoundException noMapping(long mappingId) {
    return new ResourceNotFoundException("Mapping " + mappingId + " does not exist");
  }

  private static <T> T pick(T requested, T current) {
    return requested != null ? requested : current;
  }
}

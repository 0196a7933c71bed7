package com.tgm.erpsync.mapping.repository;

import com.tgm.erpsync.contracts.EntityType;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MappingRepository implements PanacheRepository<MappingEntity> {

  /**
   * Class id of the advisory lock every write of a connection's mappings takes first ("MPCN"): a
   * create then never races the removal of its connection, nor a second mapping of its entity.
   */
  static final int CONNECTION_LOCK_CLASS = 0x4d50_434e;

  // the schema in the key, like the outbox's locks: another deployment in the database is apart
  private static final String LOCK_CONNECTION =
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1, hashtext(current_schema() || chr(31) ||"
          + " ?2))) AS locked";

  public List<MappingEntity> listOfConnection(long connectionId) {
    return list("connectionId", Sort.ascending("id"), connectionId);
  }

  public Optional<MappingEntity> findByConnectionAndEntity(long connectionId, EntityType entity) {
    return find("connectionId = ?1 and tgmEntityType = ?2", connectionId, entity)
        .firstResultOptional();
  }

  /** The connection a mapping belongs to, read without loading the mapping. */
  public Optional<Long> connectionOf(long mappingId) {
    return getEntityManager()
        .createQuery("select m.connectionId from MappingEntity m where m.id = :id", Long.class)
        .setParameter("id", mappingId)
        .getResultStream()
        .findFirst();
  }

  /**
   * Serialises, until the transaction ends, every write of the mappings of {@code connectionId}:
   * creates, updates, deletes and the removal of a deleted connection's mappings.
   */
  public void lockConnection(long connectionId) {
    getEntityManager()
        .createNativeQuery(LOCK_CONNECTION)
        .setParameter(1, CONNECTION_LOCK_CLASS)
        .setParameter(2, Long.toString(connectionId))
        .getSingleResult();
  }
}

package com.tgm.erpsync.connection.audit;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEntryEntity> {

  /** Which entries a query asks for; a null criterion does not filter. */
  public record Criteria(Long connectionId, String action, Instant from, Instant to) {}

  /** One page of entries, newest first, and how many match in all. */
  public record Result(List<AuditEntryEntity> entries, long total) {}

  /** One page of the matching entries, paged in the database. */
  public Result search(Criteria criteria, int page, int size) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters parameters = new Parameters();
    if (criteria.connectionId() != null) {
      where.append(" and connectionId = :connectionId");
      parameters.and("connectionId", criteria.connectionId());
    }
    if (criteria.action() != null) {
      where.append(" and action = :action");
      parameters.and("action", criteria.action());
    }
    if (criteria.from() != null) {
      where.append(" and occurredAt >= :from");
      parameters.and("from", criteria.from());
    }
    if (criteria.to() != null) {
      where.append(" and occurredAt < :to");
      parameters.and("to", criteria.to());
    }
    PanacheQuery<AuditEntryEntity> query =
        find(where.toString(), Sort.descending("occurredAt", "id"), parameters)
            .page(Page.of(page, size));
    return new Result(query.list(), query.count());
  }

  /** Sets the HTTP status of entries written before the response was known. */
  public void completeStatus(List<Long> ids, int status) {
    update("status = ?1 where id in ?2", status, ids);
  }
}

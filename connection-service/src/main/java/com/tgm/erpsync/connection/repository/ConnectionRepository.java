package com.tgm.erpsync.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ConnectionRepository implements PanacheRepository<ConnectionEntity> {

  public List<ConnectionEntity> listInOrder() {
    return listAll(Sort.ascending("id"));
  }

  /** Names are unique regardless of case (a unique index on lower(name) enforces it). */
  public Optional<ConnectionEntity> findByName(String name) {
    return find("lower(name) = lower(?1)", name).firstResultOptional();
  }
}

package com.tgm.erpsync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database of one test class on the shared PostgreSQL server. */
public record TestDatabase(String jdbcUrl, String user, String password) {
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }
}

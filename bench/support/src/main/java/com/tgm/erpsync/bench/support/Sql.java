package com.tgm.erpsync.bench.support;

import com.tgm.erpsync.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One-statement SQL against the benchmark's database. */
public final class Sql {
  private Sql() {}

  /** The first column of the first row of a {@code SELECT count(...)}. */
  public static long count(TestDatabase database, String sql, Object... arguments)
      throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement select = prepare(connection, sql, arguments);
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the rows it touched. */
  public static int update(TestDatabase database, String sql, Object... arguments)
      throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement statement = prepare(connection, sql, arguments)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object[] arguments)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < arguments.length; i++) {
      statement.setObject(i + 1, arguments[i]);
    }
    return statement;
  }
}

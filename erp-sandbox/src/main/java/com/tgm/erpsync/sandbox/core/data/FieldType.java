package com.tgm.erpsync.sandbox.core.data;

/** Property types the simulated services use, with their Java representation. */
public enum FieldType {
  /** Edm.String as {@link String}. */
  STRING,
  /** Edm.Decimal as {@link java.math.BigDecimal}. */
  DECIMAL,
  /** A calendar date as {@link java.time.LocalDate}: Edm.DateTime in V2, Edm.Date in V4. */
  DATE,
  /** Edm.DateTimeOffset as {@link java.time.Instant}. */
  TIMESTAMP,
  /** Edm.Boolean as {@link Boolean}. */
  BOOLEAN
}

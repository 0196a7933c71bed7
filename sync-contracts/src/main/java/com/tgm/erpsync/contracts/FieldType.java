package com.tgm.erpsync.contracts;

/** The type of a mapped field, which decides how its value is converted between the systems. */
public enum FieldType {
  STRING("Text fields"),
  INTEGER("Whole numbers"),
  DECIMAL("Decimal numbers"),
  BOOLEAN("True/false values"),
  DATE("Date only"),
  DATETIME("Date and time"),
  ENUM("Enumerated values (requires mapping)"),
  REFERENCE("Foreign key reference"),
  JSON("Complex nested data");

  private final String description;

  FieldType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}

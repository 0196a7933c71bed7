package com.tgm.erpsync.mapping.service;

import com.tgm.erpsync.mapping.rest.Problem.FieldError;
import java.util.List;

/** Input that cannot be accepted, with every field at fault; it is answered with a 400. */
public class InvalidInputException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s)");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}

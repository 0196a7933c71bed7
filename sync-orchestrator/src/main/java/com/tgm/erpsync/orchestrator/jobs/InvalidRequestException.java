package com.tgm.erpsync.orchestrator.jobs;

import java.util.List;

/** A request with parameters that cannot be accepted, each named with why; a 400. */
public class InvalidRequestException extends RuntimeException {
  private final List<Violation> violations;

  public InvalidRequestException(List<Violation> violations) {
    super(violations.size() + " invalid parameter(s)");
    this.violations = List.copyOf(violations);
  }

  public InvalidRequestException(String parameter, String message) {
    this(List.of(new Violation(parameter, message)));
  }

  public List<Violation> violations() {
    return violations;
  }

  /** One parameter at fault. */
  public record Violation(String parameter, String message) {}
}

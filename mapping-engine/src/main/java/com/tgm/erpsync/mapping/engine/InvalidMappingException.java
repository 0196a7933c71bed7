package com.tgm.erpsync.mapping.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping the engine cannot run (unknown format, ambiguous value map, REFERENCE without target).
 * Thrown only by {@link MappingEngine#compile}: mappings are checked with {@link
 * MappingEngine#validate} before they are stored, so meeting one at run time is a programming
 * error.
 */
public final class InvalidMappingException extends IllegalArgumentException {
  private final transient List<FieldProblem> problems;

  public InvalidMappingException(List<FieldProblem> problems) {
    super(
        "invalid mapping: "
            + problems.stream().map(FieldProblem::message).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}

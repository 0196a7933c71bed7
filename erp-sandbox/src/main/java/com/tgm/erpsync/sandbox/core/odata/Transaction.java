package com.tgm.erpsync.sandbox.core.odata;

import java.util.ArrayList;
import java.util.List;

/** Undo actions and post-commit notifications of one request or one {@code $batch} change set. */
public final class Transaction {

  private final List<Runnable> undo = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();

  /** Where stores add the actions that revert their changes. */
  public List<Runnable> undoLog() {
    return undo;
  }

  /** Runs {@code action} only if the transaction commits. */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /** Keeps the changes and runs the post-commit actions. */
  public void commit() {
    afterCommit.forEach(Runnable::run);
    undo.clear();
    afterCommit.clear();
  }

  /** Reverts every change, newest first. */
  public void rollback() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
    afterCommit.clear();
  }
}

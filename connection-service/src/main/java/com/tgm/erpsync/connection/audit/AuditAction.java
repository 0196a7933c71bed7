package com.tgm.erpsync.connection.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin write endpoint: every call to it leaves one entry in the audit trail, named by
 * {@code value} (e.g. {@code connection.create}), whether it succeeds, is rejected or fails.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditAction {
  /** The action's name, {@code <subject>.<verb>}: connection.update, webhook-secret.rotate. */
  String value();
}

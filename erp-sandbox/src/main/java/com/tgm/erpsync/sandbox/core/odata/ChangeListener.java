package com.tgm.erpsync.sandbox.core.odata;

import com.tgm.erpsync.sandbox.core.data.EntitySetDefinition;
import java.util.Map;

/** Told about every committed change, e.g. to publish business events. */
@FunctionalInterface
public interface ChangeListener {

  /**
   * A record was created, changed or deleted.
   *
   * @param definition the entity set
   * @param operation {@code Created}, {@code Changed} or {@code Deleted}
   * @param key the key values of the record
   */
  void changed(EntitySetDefinition definition, String operation, Map<String, Object> key);
}

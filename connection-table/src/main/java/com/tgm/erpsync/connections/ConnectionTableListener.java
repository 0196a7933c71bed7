package com.tgm.erpsync.connections;

import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;

/**
 * Told by the {@link ConnectionTable} when a connection's configuration is replaced by a newer
 * version or the connection is deleted, on the table's reader thread before it reads on: a service
 * drops what it derived from the old configuration (sessions, tokens, decrypted secrets).
 */
public interface ConnectionTableListener {

  /**
   * A connection changed.
   *
   * @param connectionId the connection
   * @param before its configuration until now, null when it was not known
   * @param now its configuration from now on, null when it was deleted
   */
  void changed(long connectionId, ConnectionSnapshot before, ConnectionSnapshot now);
}

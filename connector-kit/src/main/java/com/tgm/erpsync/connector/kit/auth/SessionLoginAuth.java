package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Session login for one connection: logs in once even when many calls start together, sends the
 * session cookies on every call, logs in again after the ERP rejected the session or when it has
 * been idle longer than its timeout, and logs out on {@link #close}.
 */
public final class SessionLoginAuth implements AuthProvider {
  private static final Logger LOG = Logger.getLogger(SessionLoginAuth.class);

  private final ConnectionSnapshot connection;
  private final ConnectionSecrets secrets;
  private final SessionLogin login;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private Session session;
  private Instant lastUse;

  public SessionLoginAuth(
      ConnectionSnapshot connection, ConnectionSecrets secrets, SessionLogin login) {
    this(connection, secrets, login, Clock.systemUTC());
  }

  public SessionLoginAuth(
      ConnectionSnapshot connection, ConnectionSecrets secrets, SessionLogin login, Clock clock) {
    this.connection = connection;
    this.secrets = secrets;
    this.login = login;
    this.clock = clock;
  }

  @Override
  public ErpRequest authorize(ErpRequest request, Transport transport) throws ErpCallException {
    Session current;
    lock.lock();
    try {
      Instant now = clock.instant();
      if (session == null || idleTooLong(now)) {
        session = logIn(transport);
      }
      lastUse = now;
      current = session;
    } finally {
      lock.unlock();
    }
    return request.withHeader("Cookie", current.cookieHeader());
  }

  @Override
  public boolean rejectsCredentials(ErpResponse response) {
    return login.sessionExpired(response);
  }

  @Override
  public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
    lock.lock();
    try {
      // a late answer to a request of an older session must not end the one opened since
      if (session != null && session.cookieHeader().equals(rejected.header("Cookie"))) {
        session = null;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close(Transport transport) {
    Session ended;
    lock.lock();
    try {
      ended = session;
      session = null;
    } finally {
      lock.unlock();
    }
    if (ended == null) {
      return;
    }
    try {
      ErpRequest logout =
          login.logoutRequest(connection, ended).withHeader("Cookie", ended.cookieHeader());
      ErpResponse response = transport.exchange(logout);
      LOG.debugf("ERP connection %d: logged out (HTTP %d)", connection.id(), response.status());
    } catch (ErpCallException | RuntimeException e) {
      LOG.debugf("ERP connection %d: logout failed: %s", connection.id(), e.getMessage());
    }
  }

  private boolean idleTooLong(Instant now) {
    return session.timeout() != null
        && lastUse != null
        && !now.isBefore(lastUse.plus(session.timeout()));
  }

  private Session logIn(Transport transport) throws ErpCallException {
    ErpResponse response = transport.exchange(login.loginRequest(connection, secrets));
    if (!response.ok()) {
      int status = response.status();
      boolean retryable = ErrorClassifier.retryable(status);
      throw new ErpCallException(
          retryable ? ErrorClassifier.codeFor(status) : ErrorCode.AUTH_FAILED,
          "Login to ERP connection " + connection.id() + " failed with HTTP " + status,
          retryable,
          false,
          null,
          response,
          null);
    }
    Session opened = login.readSession(response);
    LOG.debugf("ERP connection %d: logged in, %s", connection.id(), opened);
    return opened;
  }
}

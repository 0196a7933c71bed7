package com.tgm.erpsync.connector.sap.b1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.connector.kit.auth.Session;
import com.tgm.erpsync.connector.kit.auth.SessionLogin;
import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Service Layer's session login: {@code POST /Login} with company database, user and password,
 * then the {@code B1SESSION} and {@code ROUTEID} cookies on every call (ROUTEID keeps the session
 * on its node behind the load balancer) until the {@code SessionTimeout} of idle minutes; {@code
 * POST /Logout} when the connection is closed.
 */
final class ServiceLayerLogin implements SessionLogin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COOKIES = List.of("B1SESSION", "ROUTEID");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final ServiceLayer serviceLayer;

  ServiceLayerLogin(ServiceLayer serviceLayer) {
    this.serviceLayer = serviceLayer;
  }

  @Override
  public ErpRequest loginRequest(ConnectionSnapshot connection, ConnectionSecrets secrets) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("CompanyDB", serviceLayer.companyDb());
    body.put("UserName", connection.username());
    body.put("Password", secrets.require(ConnectionSnapshot.PASSWORD));
    try {
      return ErpRequest.of(
              "POST",
              serviceLayer.resolve("Login"),
              "application/json",
              JSON.writeValueAsBytes(body))
          .withIdempotent(true);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  @Override
  public Session readSession(ErpResponse loginResponse) throws ErpCallException {
    Map<String, String> cookies = Session.cookiesFrom(loginResponse, COOKIES);
    if (!cookies.containsKey("B1SESSION")) {
      throw new ErpCallException(
          ErrorCode.AUTH_FAILED, "The Service Layer login answered no B1SESSION cookie", false);
    }
    Duration timeout = DEFAULT_TIMEOUT;
    try {
      JsonNode minutes = JSON.readTree(loginResponse.body()).path("SessionTimeout");
      if (minutes.canConvertToInt() && minutes.asInt() > 0) {
        timeout = Duration.ofMinutes(minutes.asInt());
      }
    } catch (IOException notJson) {
      // the cookies are what matters; the default timeout stands
    }
    return new Session(cookies, timeout);
  }

  @Override
  public ErpRequest logoutRequest(ConnectionSnapshot connection, Session session) {
    return ErpRequest.of("POST", serviceLayer.resolve("Logout"), null, null).withIdempotent(true);
  }
}

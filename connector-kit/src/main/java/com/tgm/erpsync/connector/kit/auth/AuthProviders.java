package com.tgm.erpsync.connector.kit.auth;

import com.tgm.erpsync.connector.kit.http.ErpCallException;
import com.tgm.erpsync.connector.kit.http.ErpRequest;
import com.tgm.erpsync.connector.kit.http.ErpResponse;
import com.tgm.erpsync.connector.kit.http.HttpPolicy;
import com.tgm.erpsync.connector.kit.secret.ConnectionSecrets;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.quarkus.oidc.client.OidcClients;

/** The provider for a connection's {@code authType} when the dialect supplies none. */
public final class AuthProviders {

  private AuthProviders() {}

  public static AuthProvider forConnection(
      ConnectionSnapshot connection,
      ConnectionSecrets secrets,
      OidcClients oidcClients,
      HttpPolicy policy) {
    return switch (connection.authType()) {
      case OAUTH2 ->
          oidcClients == null
              ? refusing(
                  "OAUTH2 connection " + connection.id() + " needs the OIDC client, not available")
              : new OAuth2ClientCredentialsAuth(
                  connection,
                  secrets,
                  oidcClients,
                  policy.tokenRefreshSkew(),
                  policy.tokenFetchTimeout());
      case BASIC -> new BasicAuth(connection, secrets);
      case API_KEY -> new ApiKeyAuth(connection, secrets);
      case CERTIFICATE -> new ClientCertificateAuth();
      default ->
          refusing(
              "Auth type "
                  + connection.authType()
                  + " ("
                  + connection.authType().description()
                  + ") of connection "
                  + connection.id()
                  + " is not supported by the generic HTTP runtime; the dialect must supply an"
                  + " AuthProvider");
    };
  }

  private static AuthProvider refusing(String message) {
    return new AuthProvider() {
      @Override
      public ErpRequest authorize(ErpRequest request, Transport transport) throws ErpCallException {
        throw new ErpCallException(ErrorCode.AUTH_FAILED, message, false);
      }

      @Override
      public boolean renewAfter(ErpRequest rejected, ErpResponse response) {
        return false;
      }
    };
  }
}

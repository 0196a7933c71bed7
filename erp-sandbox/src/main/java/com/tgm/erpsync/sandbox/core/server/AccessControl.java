package com.tgm.erpsync.sandbox.core.server;

import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.QueryString;
import com.tgm.erpsync.sandbox.core.http.Reply;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication and CSRF protection as SAP NetWeaver does it: OAuth 2.0 client-credentials tokens,
 * Basic users, client certificates, and CSRF tokens bound to a session cookie.
 */
public final class AccessControl {

  /** Path of the OAuth 2.0 token endpoint. */
  public static final String TOKEN_PATH = "/sap/bc/sec/oauth2/token";

  private final Map<String, String> clients;
  private final Map<String, String> users;
  private final Duration tokenLifetime;
  private final Clock clock;
  private final String systemId;
  private final String sapClient;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> csrfBySession = new ConcurrentHashMap<>();

  /**
   * Access control for one sandbox.
   *
   * @param clients OAuth client ids and secrets
   * @param users Basic users and passwords
   * @param tokenLifetime lifetime of issued access tokens
   * @param clock clock deciding token expiry
   * @param systemId SAP system id, part of the session cookie name
   * @param sapClient SAP client number, part of the session cookie name
   */
  public AccessControl(
      Map<String, String> clients,
      Map<String, String> users,
      Duration tokenLifetime,
      Clock clock,
      String systemId,
      String sapClient) {
    this.clients = Map.copyOf(clients);
    this.users = Map.copyOf(users);
    this.tokenLifetime = tokenLifetime;
    this.clock = clock;
    this.systemId = systemId;
    this.sapClient = sapClient;
  }

  /** Serves the token endpoint. */
  public Reply token(Call call) {
    if (!call.method().equals("POST")) {
      return Reply.json(405, Map.of("error", "invalid_request"));
    }
    Map<String, String> form = QueryString.parse(call.bodyText());
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String[] basic = basic(call);
    if (basic != null) {
      id = basic[0];
      secret = basic[1];
    }
    if (id == null || secret == null || !secret.equals(clients.get(id))) {
      return Reply.json(401, Map.of("error", "invalid_client"))
          .header("WWW-Authenticate", "Basic realm=\"OAuth 2.0 token endpoint\"");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return Reply.json(400, Map.of("error", "unsupported_grant_type"));
    }
    String token = randomToken(32);
    tokens.put(token, clock.instant().plus(tokenLifetime));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("token_type", "Bearer");
    body.put("expires_in", tokenLifetime.toSeconds());
    body.put("scope", "");
    return Reply.json(200, body).header("Cache-Control", "no-store");
  }

  /** The authenticated principal, if the call carries valid credentials. */
  public Optional<String> authenticate(Call call, X509Certificate[] peer) {
    String auth = call.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Instant expiry = tokens.get(auth.substring(7).trim());
      return expiry != null && clock.instant().isBefore(expiry)
          ? Optional.of("oauth-client")
          : Optional.empty();
    }
    String[] basic = basic(call);
    if (basic != null) {
      return basic[1].equals(users.get(basic[0])) ? Optional.of(basic[0]) : Optional.empty();
    }
    if (peer != null && peer.length > 0) {
      return Optional.of(peer[0].getSubjectX500Principal().getName());
    }
    return Optional.empty();
  }

  /** The 401 answer, with the challenge matching what the client tried. */
  public Reply unauthorized(Call call) {
    String auth = call.header("Authorization");
    Reply reply = Reply.text(401, "Logon failed");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return reply.header(
          "WWW-Authenticate",
          "Bearer realm=\"SAP NetWeaver Application Server ["
              + systemId
              + "/"
              + sapClient
              + "]\","
              + " error=\"invalid_token\"");
    }
    return reply.header(
        "WWW-Authenticate",
        "Basic realm=\"SAP NetWeaver Application Server [" + systemId + "/" + sapClient + "]\"");
  }

  /** Answers a {@code X-CSRF-Token: Fetch}: the session's token plus the session cookies. */
  public void attachCsrfToken(Call call, Reply reply) {
    String session = sessionOf(call);
    if (session == null || !csrfBySession.containsKey(session)) {
      session = session != null ? session : randomToken(24);
      csrfBySession.put(session, randomToken(18));
    }
    reply.setHeader("X-CSRF-Token", csrfBySession.get(session));
    reply.header("Set-Cookie", cookieName() + "=" + session + "; path=/; HttpOnly");
    reply.header("Set-Cookie", "sap-usercontext=sap-client=" + sapClient + "; path=/");
  }

  /** Whether a modifying call carries the CSRF token of its session. */
  public boolean csrfValid(Call call) {
    String token = call.header("X-CSRF-Token");
    String session = sessionOf(call);
    return token != null && session != null && token.equals(csrfBySession.get(session));
  }

  /** Invalidates every CSRF token, as a session timeout would. */
  public void expireCsrfTokens() {
    csrfBySession.clear();
  }

  /** Invalidates every issued access token. */
  public void expireAccessTokens() {
    tokens.clear();
  }

  private String cookieName() {
    return "SAP_SESSIONID_" + systemId + "_" + sapClient;
  }

  private String sessionOf(Call call) {
    String cookies =
        call.headers().containsKey("Cookie")
            ? String.join("; ", call.headers().get("Cookie"))
            : null;
    if (cookies == null) {
      return null;
    }
    for (String c : cookies.split(";")) {
      String[] kv = c.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals(cookieName())) {
        return kv[1];
      }
    }
    return null;
  }

  private static String[] basic(Call call) {
    String auth = call.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

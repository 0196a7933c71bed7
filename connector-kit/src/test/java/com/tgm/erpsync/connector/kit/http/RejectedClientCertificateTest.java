package com.tgm.erpsync.connector.kit.http;

import static com.tgm.erpsync.connector.kit.http.ScriptedErpServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tgm.erpsync.contracts.AuthType;
import com.tgm.erpsync.contracts.ErrorCode;
import com.tgm.erpsync.contracts.snapshot.ConnectionSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that does not trust the connection's client certificate and, under TLS 1.3, closes the
 * connection after the handshake without an alert: the failure names the TLS cause instead of an
 * unreachable host.
 */
class RejectedClientCertificateTest {
  private static final String STORE_PASSWORD = "changeit";

  @TempDir static Path dir;
  private static ScriptedErpServer server;
  private static String serverPem;

  @BeforeAll
  static void startServerTrustingOnlyAnotherClient() throws Exception {
    generate("server", "CN=erp-sandbox", "SAN=ip:127.0.0.1,dns:localhost");
    generate("trusted", "CN=trusted-client", null);
    generate("stranger", "CN=stranger", null);
    serverPem = export("server");
    KeyStore trustedClients = KeyStore.getInstance("PKCS12");
    trustedClients.load(null, null);
    try (InputStream pem = Files.newInputStream(dir.resolve("trusted.pem"))) {
      trustedClients.setCertificateEntry(
          "trusted", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load("server"), STORE_PASSWORD.toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trustedClients);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    server = ScriptedErpServer.startTls(context, true).on("/items", ok("secure"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRefusedClientCertificateIsReportedAsATlsFailure() throws Exception {
    ErpHttp http = certificateConnection("stranger");

    ErpCallException failure =
        catchThrowableOfType(
            () -> http.send(ErpRequest.get(server.uri("/items"))), ErpCallException.class);

    assertThat(failure.getMessage())
        .contains("does not accept the connection's client certificate");
    assertThat(failure.code()).isEqualTo(ErrorCode.ERP_UNAVAILABLE);
    assertThat(causes(failure)).anyMatch(SSLException.class::isInstance);
    assertThat(server.arrivals("/items")).isEmpty();
  }

  @Test
  void theTrustedCertificateStillGetsItsAnswer() throws Exception {
    ErpHttp http = certificateConnection("trusted");

    assertThat(http.send(ErpRequest.get(server.uri("/items"))).text()).isEqualTo("secure");
  }

  private static ErpHttp certificateConnection(String client) throws Exception {
    String p12 =
        Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(client + ".p12")));
    return TestConnections.clients(TestConnections.fastPolicy(), new SimpleMeterRegistry())
        .forConnection(
            TestConnections.connection(server.uri("/"))
                .auth(AuthType.CERTIFICATE)
                .retries(0, 0)
                .setting("serverCertificate", serverPem)
                .secret(ConnectionSnapshot.CERTIFICATE, p12)
                .secret(ConnectionSnapshot.PASSWORD, STORE_PASSWORD)
                .build());
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static void generate(String alias, String dname, String san) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                dname,
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve(alias + ".p12").toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD));
    if (san != null) {
      args.addAll(List.of("-ext", san));
    }
    keytool(args);
    export(alias);
  }

  private static String export(String alias) throws Exception {
    Path pem = dir.resolve(alias + ".pem");
    if (!Files.exists(pem)) {
      keytool(
          List.of(
              "-exportcert",
              "-rfc",
              "-alias",
              alias,
              "-keystore",
              dir.resolve(alias + ".p12").toString(),
              "-storepass",
              STORE_PASSWORD,
              "-file",
              pem.toString()));
    }
    return Files.readString(pem);
  }

  private static KeyStore load(String alias) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(dir.resolve(alias + ".p12").toFile())) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    return store;
  }

  private static void keytool(List<String> args) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> command = new ArrayList<>(List.of(keytool));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
    }
  }
}

package com.tgm.erpsync.sandbox.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tgm.erpsync.sandbox.core.tls.ClientIdentity;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EccMutualTlsTest {

  private static final String SET = SapSandbox.ECC_EQUIPMENT + "/EquipmentSet";
  private static SapSandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = SapSandbox.start(SandboxOptions.builder().eccEquipmentCount(500).build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void servesEccEquipmentToAClientCertificate() throws Exception {
    ClientIdentity identity = sandbox.issueClientCertificate("TGM_SYNC");
    KeyStore reloaded = KeyStore.getInstance("PKCS12");
    reloaded.load(new ByteArrayInputStream(identity.pkcs12()), identity.password());
    assertThat(reloaded.isKeyEntry(ClientIdentity.ALIAS)).isTrue();

    HttpClient http = HttpClient.newBuilder().sslContext(identity.sslContext()).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    sandbox
                        .eccBaseUri()
                        .resolve(SET + "?$top=3&$inlinecount=allpages&sap-client=100"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = SapTestClient.json(r).get("d");
    assertThat(d.get("__count").asText()).isEqualTo("500");
    JsonNode e = d.get("results").get(0);
    assertThat(e.get("Equnr").asText()).isEqualTo("000000000010000000");
    assertThat(e.get("Aedat").asText()).matches("/Date\\(\\d+\\)/");
    assertThat(e.get("Brgew").isTextual()).isTrue();
    assertThat(e.get("__metadata").get("type").asText()).isEqualTo("ZPM_EQUIPMENT_SRV.Equipment");

    HttpResponse<String> single =
        http.send(
            HttpRequest.newBuilder(sandbox.eccBaseUri().resolve(SET + "('000000000010000004')"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(single.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesAHandshakeWithoutClientCertificate() {
    HttpClient http = HttpClient.newBuilder().sslContext(sandbox.trustingSslContext()).build();
    HttpRequest request =
        HttpRequest.newBuilder(sandbox.eccBaseUri().resolve(SET + "?$top=1")).build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void offersTheServerCertificateAsPem() throws Exception {
    String pem = sandbox.serverCertificatePem();
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
    Object parsed =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    assertThat(parsed).isEqualTo(sandbox.serverCertificate());
    HttpResponse<String> overHttp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(sandbox.baseUri().resolve("/sandbox/admin/certificate"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(overHttp.body()).isEqualTo(pem);
  }

  @Test
  void acceptsBasicWhenClientCertificatesAreOptional() throws Exception {
    try (SapSandbox want =
        SapSandbox.start(
            SandboxOptions.builder()
                .eccEquipmentCount(5)
                .eccClientAuth(SandboxOptions.ClientAuth.WANT)
                .build())) {
      HttpClient http = HttpClient.newBuilder().sslContext(want.trustingSslContext()).build();
      HttpRequest.Builder b = HttpRequest.newBuilder(want.eccBaseUri().resolve(SET + "?$top=1"));
      assertThat(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
      assertThat(
              http.send(
                      b.header("Authorization", SapTestClient.basic()).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }
  }
}

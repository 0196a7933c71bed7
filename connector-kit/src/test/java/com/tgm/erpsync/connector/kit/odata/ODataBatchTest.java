package com.tgm.erpsync.connector.kit.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multipart/mixed form of OData $batch requests and answers. */
class ODataBatchTest {

  @Test
  void putsEveryWriteInAChangeSetOfItsOwnAndReadsAsRetrieveParts() {
    ODataBatch batch = new ODataBatch();
    batch.retrieve(ODataBatch.Operation.of("GET", "Equipment('1')", Map.of("Accept", "x"), null));
    batch.changeSet(
        ODataBatch.Operation.of(
            "PATCH",
            "Equipment('2')",
            Map.of("If-Match", "W/\"7\""),
            "{\"EquipmentName\":\"Pump\"}".getBytes(StandardCharsets.UTF_8)));
    batch.changeSet(
        ODataBatch.Operation.of(
            "PATCH", "Equipment('3')", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)));

    String body = new String(batch.body(), StandardCharsets.UTF_8);
    String boundary = batch.contentType().substring("multipart/mixed; boundary=".length());

    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.repeatable()).isTrue();
    assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("--" + boundary + "--\r\n");
    assertThat(body.split("Content-Type: multipart/mixed; boundary=changeset_", -1)).hasSize(3);
    assertThat(body)
        .contains("GET Equipment('1') HTTP/1.1\r\nAccept: x\r\n")
        .contains(
            "PATCH Equipment('2') HTTP/1.1\r\nIf-Match: W/\"7\"\r\nContent-Length: 24\r\n\r\n"
                + "{\"EquipmentName\":\"Pump\"}");
    assertThat(
            new ODataBatch()
                .changeSet(ODataBatch.Operation.of("POST", "E", null, null))
                .repeatable())
        .isFalse();
  }

  @Test
  void readsOneAnswerPerOperationWhereARefusedChangeSetAnswersWithItsError() {
    String response =
        String.join(
            "\r\n",
            "--batchresponse_1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 200 OK",
            "Content-Type: application/json",
            "ETag: W/\"datetimeoffset'2026-01-01T00%3A00%3A00Z'\"",
            "",
            "{\"d\":{\"Equipment\":\"1\"}}",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_a",
            "",
            "--changesetresponse_a",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "ETag: W/\"8\"",
            "",
            "",
            "--changesetresponse_a--",
            "--batchresponse_1",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 412 Precondition Failed",
            "Content-Type: application/json",
            "",
            "{\"error\":{\"code\":\"/IWBEP/CM_MGW_RT/022\"}}",
            "--batchresponse_1--",
            "");

    List<ODataBatch.Answer> answers =
        ODataBatch.answers(
            "multipart/mixed; boundary=batchresponse_1",
            response.getBytes(StandardCharsets.UTF_8),
            3);

    assertThat(answers).extracting(ODataBatch.Answer::status).containsExactly(200, 204, 412);
    assertThat(answers.get(0).header("etag")).startsWith("W/\"datetimeoffset");
    assertThat(answers.get(0).body()).isEqualTo("{\"d\":{\"Equipment\":\"1\"}}");
    assertThat(answers.get(1).header("ETag")).isEqualTo("W/\"8\"");
    assertThat(answers.get(1).ok()).isTrue();
    assertThat(answers.get(2).body()).contains("/IWBEP/CM_MGW_RT/022");
  }

  @Test
  void refusesWhatIsNotABatchAnswerForTheOperationsSent() {
    byte[] one =
        "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n--b--\r\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(ODataBatch.answers("multipart/mixed; boundary=b", one, 1)).hasSize(1);
    assertThatThrownBy(() -> ODataBatch.answers("multipart/mixed; boundary=b", one, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 responses for 2 operations");
    assertThatThrownBy(() -> ODataBatch.answers("application/json", one, 1))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] notHttp = "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--".getBytes();
    assertThatThrownBy(() -> ODataBatch.answers("multipart/mixed; boundary=b", notHttp, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an HTTP response");
    byte[] unclosed = "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK".getBytes();
    assertThatThrownBy(() -> ODataBatch.answers("multipart/mixed; boundary=b", unclosed, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package com.tgm.erpsync.connector.kit.odata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OData {@code $batch} request in the {@code multipart/mixed} format that OData V2 and V4
 * services share, and the parser of its answer. Reads go as retrieve parts; every write goes in its
 * own change set, so the ERP applies or refuses each write alone and one bad record does not fail
 * its siblings. The answer holds one {@link Answer} per operation, in the order they were added: a
 * refused change set is answered by its single error response.
 *
 * <pre>{@code
 * ODataBatch batch = new ODataBatch();
 * batch.changeSet(ODataBatch.Operation.of("PATCH", "Equipment('1')", headers, json));
 * http.send(ErpRequest.of("POST", serviceRoot.resolve("$batch"), batch.contentType(), batch.body()));
 * List<ODataBatch.Answer> answers = ODataBatch.answers(contentType, responseBody, batch.size());
 * }</pre>
 */
public final class ODataBatch {
  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=\"?([^\";,]+)\"?", Pattern.CASE_INSENSITIVE);

  /**
   * One request inside the batch.
   *
   * @param target the resource relative to the service root, e.g. {@code Equipment('1')}, with its
   *     query if any
   */
  public record Operation(String method, String target, Map<String, String> headers, byte[] body) {
    public Operation {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    public static Operation of(
        String method, String target, Map<String, String> headers, byte[] body) {
      return new Operation(method, target, headers, body);
    }
  }

  /** The ERP's answer to one operation. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public Answer {
      headers = headers == null ? Map.of() : headers;
      body = body == null ? "" : body;
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
      return null;
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String boundary = "batch_" + UUID.randomUUID();
  private final StringBuilder body = new StringBuilder();
  private int operations;
  private boolean onlyRepeatable = true;

  /** Adds a read, answered on its own. */
  public ODataBatch retrieve(Operation read) {
    if (!"GET".equalsIgnoreCase(read.method())) {
      throw new IllegalArgumentException("a retrieve part is a GET, not " + read.method());
    }
    body.append("--").append(boundary).append("\r\n");
    appendHttp(body, read, null);
    operations++;
    return this;
  }

  /** Adds a write in a change set of its own. */
  public ODataBatch changeSet(Operation write) {
    String changeSet = "changeset_" + UUID.randomUUID();
    body.append("--").append(boundary).append("\r\n");
    body.append("Content-Type: multipart/mixed; boundary=").append(changeSet).append("\r\n\r\n");
    body.append("--").append(changeSet).append("\r\n");
    appendHttp(body, write, Integer.toString(operations + 1));
    body.append("--").append(changeSet).append("--\r\n");
    if ("POST".equalsIgnoreCase(write.method())) {
      onlyRepeatable = false;
    }
    operations++;
    return this;
  }

  /** How many operations the batch holds; the answer holds as many. */
  public int size() {
    return operations;
  }

  /**
   * Whether sending the batch again after an unclear outcome is safe: no part creates. (Updates
   * carry If-Match, so a repeated one is refused with 412 rather than applied twice.)
   */
  public boolean repeatable() {
    return onlyRepeatable;
  }

  public String contentType() {
    return "multipart/mixed; boundary=" + boundary;
  }

  public byte[] body() {
    return (body + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void appendHttp(StringBuilder out, Operation op, String contentId) {
    out.append("Content-Type: application/http\r\n");
    out.append("Content-Transfer-Encoding: binary\r\n");
    if (contentId != null) {
      out.append("Content-ID: ").append(contentId).append("\r\n");
    }
    out.append("\r\n");
    out.append(op.method().toUpperCase(Locale.ROOT))
        .append(' ')
        .append(op.target())
        .append(" HTTP/1.1\r\n");
    op.headers()
        .forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
    if (op.body().length > 0) {
      out.append("Content-Length: ").append(op.body().length).append("\r\n");
    }
    out.append("\r\n");
    if (op.body().length > 0) {
      out.append(new String(op.body(), StandardCharsets.UTF_8));
    }
    out.append("\r\n");
  }

  /**
   * The answers of a batch response, one per operation in order.
   *
   * @throws IllegalArgumentException when the response is not a multipart batch answer or does not
   *     answer {@code expected} operations
   */
  public static List<Answer> answers(String contentType, byte[] response, int expected) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      throw new IllegalArgumentException(
          "a $batch answer is multipart/mixed with a boundary, not " + contentType);
    }
    List<Answer> answers = new ArrayList<>();
    for (String part : split(new String(response, StandardCharsets.UTF_8), boundary)) {
      int headerEnd = part.indexOf("\n\n");
      String head = headerEnd < 0 ? part : part.substring(0, headerEnd);
      String content = headerEnd < 0 ? "" : part.substring(headerEnd + 2);
      String inner = boundary(headerValue(head, "Content-Type"));
      if (inner != null) {
        for (String op : split(content, inner)) {
          int opHeaderEnd = op.indexOf("\n\n");
          answers.add(http(opHeaderEnd < 0 ? "" : op.substring(opHeaderEnd + 2)));
        }
      } else {
        answers.add(http(content));
      }
    }
    if (answers.size() != expected) {
      throw new IllegalArgumentException(
          "the $batch answer has " + answers.size() + " responses for " + expected + " operations");
    }
    return answers;
  }

  private static Answer http(String message) {
    String text = message.startsWith("\n") ? message.substring(1) : message;
    int headerEnd = text.indexOf("\n\n");
    String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
    String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
    String[] lines = head.split("\n");
    String[] statusLine = lines[0].trim().split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IllegalArgumentException("a $batch part is not an HTTP response: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a $batch part has no status: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    return new Answer(status, headers, body.strip());
  }

  private static String headerValue(String head, String name) {
    for (String line : head.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
      return null;
    }
    Matcher matcher = BOUNDARY.matcher(contentType);
    return matcher.find() ? matcher.group(1).trim() : null;
  }

  /** The parts between the delimiters of a multipart body, line ends normalised to LF. */
  private static List<String> split(String body, String boundary) {
    String text = body.replace("\r\n", "\n");
    String delimiter = "--" + boundary;
    List<String> parts = new ArrayList<>();
    int pos = text.startsWith(delimiter) ? 0 : text.indexOf("\n" + delimiter);
    if (pos > 0) {
      pos++;
    }
    while (pos >= 0) {
      int start = pos + delimiter.length();
      if (text.startsWith("--", start)) {
        break;
      }
      int next = text.indexOf("\n" + delimiter, start);
      if (next < 0) {
        throw new IllegalArgumentException("a multipart part is not closed by " + delimiter);
      }
      String raw = text.substring(start, next);
      int lineEnd = raw.indexOf('\n');
      parts.add(lineEnd < 0 ? "" : raw.substring(lineEnd + 1));
      pos = next + 1;
    }
    return parts;
  }
}

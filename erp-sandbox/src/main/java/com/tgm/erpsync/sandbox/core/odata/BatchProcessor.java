package com.tgm.erpsync.sandbox.core.odata;

import com.tgm.erpsync.sandbox.core.http.Call;
import com.tgm.erpsync.sandbox.core.http.Reply;
import com.tgm.erpsync.sandbox.core.journal.RequestJournal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OData {@code $batch} over {@code multipart/mixed}: retrieve operations answered one by one, each
 * change set applied atomically. A failing change set is rolled back and answered with the single
 * error response of its failing operation; its siblings are unaffected.
 */
public final class BatchProcessor {

  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private record Part(Map<String, String> headers, String content) {
    String header(String name) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  private final RequestJournal journal;
  private final Object writeLock;

  /**
   * A processor recording every operation in the journal.
   *
   * @param writeLock the lock shared by all stores, held for a whole change set
   */
  public BatchProcessor(RequestJournal journal, Object writeLock) {
    this.journal = journal;
    this.writeLock = writeLock;
  }

  Reply process(ODataService service, Call call, String baseUri) {
    String boundary = boundary(call.header("Content-Type"));
    if (boundary == null) {
      throw new ODataException(
          400, "/IWBEP/CM_MGW_RT/004", "$batch requires Content-Type multipart/mixed; boundary");
    }
    String responseBoundary = "batchresponse_" + UUID.randomUUID();
    StringBuilder out = new StringBuilder();
    for (Part part : split(call.bodyText(), boundary)) {
      String changeSetBoundary = boundary(part.header("Content-Type"));
      out.append("--").append(responseBoundary).append("\r\n");
      if (changeSetBoundary != null) {
        out.append(changeSet(service, split(part.content(), changeSetBoundary), baseUri, call));
      } else {
        Reply reply = execute(service, part, baseUri, call, new Transaction());
        out.append(httpPart(reply, part.header("Content-ID")));
      }
    }
    out.append("--").append(responseBoundary).append("--\r\n");
    return Reply.bytes(
            202,
            "multipart/mixed; boundary=" + responseBoundary,
            out.toString().getBytes(StandardCharsets.UTF_8))
        .header(
            service.spec().flavor() == Flavor.V2 ? "dataserviceversion" : "OData-Version",
            service.spec().flavor() == Flavor.V2 ? "2.0" : "4.0");
  }

  private String changeSet(ODataService service, List<Part> ops, String baseUri, Call outer) {
    List<Reply> replies = new ArrayList<>();
    List<String> contentIds = new ArrayList<>();
    Transaction tx = new Transaction();
    synchronized (writeLock) {
      for (Part op : ops) {
        Reply reply = execute(service, op, baseUri, outer, tx);
        if (reply.status() >= 400) {
          tx.rollback();
          return httpPart(reply, op.header("Content-ID"));
        }
        replies.add(reply);
        contentIds.add(op.header("Content-ID"));
      }
      tx.commit();
    }
    String boundary = "changesetresponse_" + UUID.randomUUID();
    StringBuilder sb = new StringBuilder();
    sb.append("Content-Type: multipart/mixed; boundary=").append(boundary).append("\r\n\r\n");
    for (int i = 0; i < replies.size(); i++) {
      sb.append("--").append(boundary).append("\r\n");
      sb.append(httpPart(replies.get(i), contentIds.get(i)));
    }
    sb.append("--").append(boundary).append("--\r\n");
    return sb.toString();
  }

  private Reply execute(
      ODataService service, Part part, String baseUri, Call outer, Transaction tx) {
    String content = part.content();
    int headerEnd = content.indexOf("\n\n");
    String head = headerEnd < 0 ? content : content.substring(0, headerEnd);
    String body = headerEnd < 0 ? "" : content.substring(headerEnd + 2);
    String[] lines = head.split("\n");
    String[] requestLine = lines[0].trim().split(" ");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim(), List.of(lines[i].substring(colon + 1).trim()));
      }
    }
    // the part runs in the security context of its batch: the journal shows it under the
    // batch's credentials and CSRF token
    copyHeader(outer, headers, "Authorization");
    copyHeader(outer, headers, "X-CSRF-Token");
    String method = requestLine[0].toUpperCase();
    String tunnelled = firstHeader(headers, "X-HTTP-Method");
    if (method.equals("POST") && tunnelled != null) {
      method = tunnelled.toUpperCase();
    }
    String target = requestLine.length > 1 ? requestLine[1] : "";
    if (target.startsWith("http://") || target.startsWith("https://")) {
      URI uri = URI.create(target);
      target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } else if (!target.startsWith("/")) {
      target = service.spec().root() + "/" + target;
    }
    int q = target.indexOf('?');
    String path =
        URLDecoder.decode(q < 0 ? target : target.substring(0, q), StandardCharsets.UTF_8);
    String query = q < 0 ? "" : target.substring(q + 1);
    Call call =
        Call.of(method, path, query, headers, body.trim().getBytes(StandardCharsets.UTF_8), true);
    long seq = journal.arrived(call);
    Reply reply;
    if (!service.owns(path)) {
      reply = service.error(400, "/IWBEP/CM_MGW_RT/004", "Operation outside the service: " + path);
    } else {
      reply = service.handle(call, baseUri, tx);
    }
    journal.answered(seq, reply.status());
    return reply;
  }

  private static void copyHeader(Call outer, Map<String, List<String>> headers, String name) {
    if (outer.header(name) != null && firstHeader(headers, name) == null) {
      headers.put(name, List.of(outer.header(name)));
    }
  }

  private static String firstHeader(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  private static String httpPart(Reply reply, String contentId) {
    StringBuilder sb = new StringBuilder();
    sb.append("Content-Type: application/http\r\n");
    sb.append("Content-Transfer-Encoding: binary\r\n");
    if (contentId != null) {
      sb.append("Content-ID: ").append(contentId).append("\r\n");
    }
    sb.append("\r\n");
    sb.append("HTTP/1.1 ")
        .append(reply.status())
        .append(' ')
        .append(Reply.reason(reply.status()))
        .append("\r\n");
    reply
        .headers()
        .forEach(
            (name, values) ->
                values.forEach(v -> sb.append(name).append(": ").append(v).append("\r\n")));
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    sb.append("Content-Length: ").append(reply.body().length).append("\r\n\r\n");
    sb.append(body).append("\r\n");
    return sb.toString();
  }

  private static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/mixed")) {
      return null;
    }
    Matcher m = BOUNDARY.matcher(contentType);
    return m.find() ? m.group(1).trim() : null;
  }

  private static List<Part> split(String body, String boundary) {
    String text = body.replace("\r\n", "\n");
    String delimiter = "--" + boundary;
    List<Part> parts = new ArrayList<>();
    int pos = text.indexOf(delimiter);
    while (pos >= 0) {
      int start = pos + delimiter.length();
      if (text.startsWith("--", start)) {
        break;
      }
      int next = text.indexOf("\n" + delimiter, start);
      String raw = text.substring(start, next < 0 ? text.length() : next);
      raw = raw.startsWith("\n") ? raw.substring(1) : raw;
      int headerEnd = raw.indexOf("\n\n");
      Map<String, String> headers = new LinkedHashMap<>();
      String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
      for (String line : head.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
      String content = headerEnd < 0 ? "" : raw.substring(headerEnd + 2);
      parts.add(new Part(headers, content));
      pos = next < 0 ? -1 : next + 1;
    }
    return parts;
  }
}

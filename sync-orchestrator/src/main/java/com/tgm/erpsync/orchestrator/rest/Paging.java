package com.tgm.erpsync.orchestrator.rest;

import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException;
import com.tgm.erpsync.orchestrator.jobs.InvalidRequestException.Violation;
import com.tgm.erpsync.orchestrator.jobs.Page;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Paging of the lists: {@code page} (0-based) and {@code size} query parameters, the list itself as
 * the body, and {@code X-Total-Count} plus an RFC 8288 {@code Link} header (first, prev, next,
 * last) as the way through it. The links are relative references (path and query), so they hold
 * unchanged on connection-service, which serves the same paths.
 */
final class Paging {
  static final String TOTAL_COUNT = "X-Total-Count";

  private Paging() {}

  /** The page and size asked for; 400 naming each parameter that is not acceptable. */
  static Request parse(
      String pageName, String page, String sizeName, String size, int defaultSize, int maxSize) {
    List<Violation> violations = new ArrayList<>();
    Integer pageNumber = number(page, 0);
    if (pageNumber == null || pageNumber < 0) {
      violations.add(new Violation(pageName, "must be a whole number from 0 (the first page)"));
    }
    Integer sizeNumber = number(size, defaultSize);
    if (sizeNumber == null || sizeNumber < 1 || sizeNumber > maxSize) {
      violations.add(new Violation(sizeName, "must be a whole number from 1 to " + maxSize));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return new Request(pageNumber, sizeNumber);
  }

  /** 200 with the page's items and the paging headers. */
  static <T, V> Response ok(Page<T> page, Function<T, V> view, UriInfo uri) {
    List<V> body = page.items().stream().map(view).toList();
    Response.ResponseBuilder answer =
        Response.ok(body).header(TOTAL_COUNT, Long.toString(page.total()));
    List<String> links = new ArrayList<>();
    links.add(link(uri, 0, page.size(), "first"));
    if (page.page() > 0) {
      links.add(link(uri, Math.min(page.page() - 1, page.lastPage()), page.size(), "prev"));
    }
    if (page.hasNext()) {
      links.add(link(uri, page.page() + 1, page.size(), "next"));
    }
    links.add(link(uri, page.lastPage(), page.size(), "last"));
    return answer.header("Link", String.join(", ", links)).build();
  }

  private static String link(UriInfo uri, int page, int size, String rel) {
    // any other parameter stays as it was; page and size go last, in that order
    URI target =
        uri.getRequestUriBuilder()
            .replaceQueryParam("page")
            .replaceQueryParam("size")
            .queryParam("page", page)
            .queryParam("size", size)
            .build();
    return "<" + target.getRawPath() + "?" + target.getRawQuery() + ">; rel=\"" + rel + "\"";
  }

  private static Integer number(String value, int absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A page asked for: 0-based number and size. */
  record Request(int page, int size) {}
}

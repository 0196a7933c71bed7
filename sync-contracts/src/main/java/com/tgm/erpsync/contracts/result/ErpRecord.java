package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * One record as the ERP returned it, with ERP field names. The etag and modifiedAt feed conflict
 * detection (NEWEST_WINS) and the If-Match of the next write.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErpRecord(
    Map<String, String> key,
    String etag,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant modifiedAt,
    Map<String, Object> values) {}

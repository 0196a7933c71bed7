package com.tgm.erpsync.contracts.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.tgm.erpsync.contracts.MessageMeta;
import java.util.List;
import java.util.Objects;

/**
 * One page read for an ExtractPage. A null nextCursor means this was the last page; totalCount is
 * null when the ERP does not say.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageExtracted(
    MessageMeta meta,
    long connectionId,
    long jobId,
    long mappingId,
    String cursor,
    String nextCursor,
    Long totalCount,
    List<ErpRecord> records)
    implements ConnectorResult {

  public PageExtracted {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(records, "records");
  }
}

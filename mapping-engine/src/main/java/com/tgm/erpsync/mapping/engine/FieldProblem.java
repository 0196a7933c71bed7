package com.tgm.erpsync.mapping.engine;

import com.tgm.erpsync.contracts.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why one field of one record could not be mapped, as data: the job error log shows {@link
 * #message()}, and the parts are there for anything that wants to group or filter.
 *
 * @param code VALIDATION_ERROR (value missing or not in the expected format) or MAPPING_ERROR (no
 *     value map entry, no linked reference, unusable mapping)
 * @param record the record's identity: inbound, its ERP key fields (ERP names, values as sent);
 *     outbound, the TGM {@code id} and key fields (TGM names); empty when the mapping has none
 * @param tgmField the TGM field, or null for a problem of the whole record
 * @param erpField the ERP field (a dotted path for nested objects), or null
 * @param value the offending value as JSON text, or null when the value is missing
 * @param expected what the value should have looked like, e.g. {@code an ISO-8601 date
 *     (2017-04-13)}
 * @param message the whole story in one sentence
 */
public record FieldProblem(
    ErrorCode code,
    Map<String, String> record,
    String tgmField,
    String erpField,
    String value,
    String expected,
    String message) {

  public FieldProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    record = record == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(record));
  }
}

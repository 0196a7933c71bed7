package com.tgm.erpsync.mapping.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a three-way merge, every record keyed by TGM field names and holding TGM-form
 * values.
 *
 * @param merged the agreed value of every mapped field: the next merge base (with its {@link
 *     MappingEngine#hash}); an unresolved field keeps its base value until a person decides
 * @param tgmUpdates the fields to write into TGM, with their new values
 * @param erpUpdates the fields to write into the ERP, with their new values (in TGM form: {@link
 *     MappingEngine#toErpPatch} turns them into ERP fields)
 * @param conflicts fields changed on both sides since the base, to different values, whatever the
 *     strategy did with them
 * @param unresolved fields left for a person, written to neither side: the conflicts under MERGE;
 *     under MANUAL, when the record changed on both sides, every field on which the sides differ
 * @param changedOnBothSides whether each side changed the record since the base in a way the other
 *     did not (a change both made alike, and fields that flow one way only, do not count)
 * @param winner the side a record-level strategy (TGM_WINS, ERP_WINS, NEWEST_WINS) gave the record
 *     to when it changed on both sides, else null
 */
public record MergeResult(
    ObjectNode merged,
    ObjectNode tgmUpdates,
    ObjectNode erpUpdates,
    List<String> conflicts,
    List<String> unresolved,
    boolean changedOnBothSides,
    Side winner) {

  /** A side of the sync. */
  public enum Side {
    TGM,
    ERP
  }

  public MergeResult {
    Objects.requireNonNull(merged, "merged");
    Objects.requireNonNull(tgmUpdates, "tgmUpdates");
    Objects.requireNonNull(erpUpdates, "erpUpdates");
    conflicts = List.copyOf(conflicts);
    unresolved = List.copyOf(unresolved);
  }

  /** Whether the record goes to the conflict queue. */
  public boolean needsManualResolution() {
    return !unresolved.isEmpty();
  }

  /** Whether nothing is to be written and nothing decided: both sides already agree. */
  public boolean isNoOp() {
    return tgmUpdates.isEmpty() && erpUpdates.isEmpty() && unresolved.isEmpty();
  }
}

-- Realtime sync and conflicts: the hour a REALTIME job covers, record writes coalesced while one is
-- in flight, and the conflict queue.

-- A REALTIME job per connection per hour: the hour it covers (UTC, truncated). Changes handled in
-- that hour count in it; once the hour is over and its commands are answered it completes. One
-- running per connection and hour (a cancelled one is followed by a new one).
ALTER TABLE sync_job ADD COLUMN realtime_hour TIMESTAMPTZ;
CREATE UNIQUE INDEX sync_job_realtime_hour ON sync_job (connection_id, realtime_hour)
    WHERE job_type = 'REALTIME' AND status IN ('PENDING', 'RUNNING');
CREATE INDEX sync_job_realtime_open ON sync_job (realtime_hour)
    WHERE job_type = 'REALTIME' AND status = 'RUNNING';

ALTER TABLE sync_command
    -- the record changed again while this command was in flight: once it is answered, the record
    -- is read (TGM row, or fetched from the ERP) and offered again, so its latest state goes out
    -- after the one in flight, never beside it
    ADD COLUMN again BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX sync_command_in_flight_record ON sync_command (connection_id, entity_type, tgm_record_id)
    WHERE answered_at IS NULL;
CREATE INDEX sync_command_in_flight_erp_key ON sync_command (connection_id, mapping_id, erp_key)
    WHERE answered_at IS NULL;

-- A record changed on both sides since its merge base that the mapping's strategy could not settle
-- (MANUAL, or MERGE with fields changed on both sides to different values). Values are keyed by
-- TGM field names, in TGM form. At most one OPEN conflict per record: later changes of either side
-- update it, and no sync overwrites the record until a person resolves it.
CREATE TABLE sync_conflict (
    id                  BIGSERIAL     PRIMARY KEY,
    connection_id       BIGINT        NOT NULL,
    mapping_id          BIGINT        NOT NULL,
    entity_type         VARCHAR(40)   NOT NULL,
    erp_entity_name     VARCHAR(200)  NOT NULL,
    tgm_id              BIGINT        NOT NULL,
    erp_key             VARCHAR(1000) NOT NULL,  -- canonical JSON of the key fields
    status              VARCHAR(20)   NOT NULL,  -- OPEN, RESOLVED
    strategy            VARCHAR(20)   NOT NULL,  -- the mapping's strategy when it was detected
    conflicting_fields  JSONB         NOT NULL,  -- fields left for a person
    base_values         JSONB,                   -- the merge base (null: never synced)
    tgm_values          JSONB         NOT NULL,
    erp_values          JSONB         NOT NULL,
    merged_values       JSONB         NOT NULL,  -- what the merge settled; conflicting fields at base
    erp_etag            VARCHAR(500),
    tgm_modified_at     TIMESTAMPTZ,
    erp_modified_at     TIMESTAMPTZ,
    detected_by_job_id  BIGINT,
    detected_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    resolution          VARCHAR(20),             -- TGM, ERP, MERGED
    resolved_values     JSONB,
    resolved_by         VARCHAR(200),
    resolved_at         TIMESTAMPTZ,
    resolved_by_job_id  BIGINT
);
CREATE UNIQUE INDEX sync_conflict_open_record ON sync_conflict (connection_id, entity_type, tgm_id)
    WHERE status = 'OPEN';
CREATE INDEX sync_conflict_list ON sync_conflict (status, connection_id, id DESC);

-- Sync jobs, what they are split into, their error logs, the sync ledger and the watermarks of
-- incremental syncs. Times are UTC instants (TIMESTAMPTZ).

-- One sync job as the guide shows it. Counters are updated once per page or per batch of results.
CREATE TABLE sync_job (
    id                  BIGSERIAL     PRIMARY KEY,
    connection_id       BIGINT        NOT NULL,
    connection_name     VARCHAR(200)  NOT NULL,  -- as it was when the job was created
    job_type            VARCHAR(20)   NOT NULL,  -- FULL, INCREMENTAL, SINGLE_RECORD, REALTIME
    direction           VARCHAR(20)   NOT NULL,  -- INBOUND, OUTBOUND, BIDIRECTIONAL
    status              VARCHAR(20)   NOT NULL,  -- PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, STALE
    entity_type         VARCHAR(40),             -- SINGLE_RECORD: the TGM entity
    record_id           VARCHAR(500),            -- SINGLE_RECORD: TGM id (OUTBOUND) or ERP key (INBOUND)
    retry_of_job_id     BIGINT        REFERENCES sync_job (id),
    failed_records_only BOOLEAN       NOT NULL DEFAULT false,
    triggered_by        VARCHAR(200)  NOT NULL,  -- the admin's subject, or "schedule"
    total_records       BIGINT,                  -- null until known (the ERP's count, the TGM rows)
    processed_records   BIGINT        NOT NULL DEFAULT 0,
    success_count       BIGINT        NOT NULL DEFAULT 0,
    error_count         BIGINT        NOT NULL DEFAULT 0,
    skip_count          BIGINT        NOT NULL DEFAULT 0,
    error_code          VARCHAR(40),             -- why a FAILED job could not proceed
    error_message       VARCHAR(2000),
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    completed_at        TIMESTAMPTZ,
    last_progress_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT sync_job_counts CHECK (
        processed_records >= 0 AND success_count >= 0 AND error_count >= 0 AND skip_count >= 0)
);
CREATE INDEX sync_job_of_connection ON sync_job (connection_id, id DESC);
CREATE INDEX sync_job_active ON sync_job (status, id) WHERE status IN ('PENDING', 'RUNNING');
-- a connection runs one full or incremental sync at a time: they read and move the same watermarks
CREATE UNIQUE INDEX sync_job_one_bulk_per_connection ON sync_job (connection_id)
    WHERE job_type IN ('FULL', 'INCREMENTAL') AND status IN ('PENDING', 'RUNNING');
-- the statistics and schedule views: the latest completed sync of each type, recent failures
CREATE INDEX sync_job_last_completed ON sync_job (connection_id, job_type, completed_at DESC)
    WHERE status = 'COMPLETED';
CREATE INDEX sync_job_failed ON sync_job (connection_id, completed_at DESC) WHERE status = 'FAILED';

-- A job's work per mapping and direction: an inbound task pages the ERP entity set, an outbound one
-- keyset-pages the TGM table. The position is saved with every page, so a job resumes after a crash
-- from the last completed page.
CREATE TABLE sync_job_task (
    job_id              BIGINT        NOT NULL REFERENCES sync_job (id) ON DELETE CASCADE,
    mapping_id          BIGINT        NOT NULL,
    direction           VARCHAR(10)   NOT NULL,  -- INBOUND or OUTBOUND
    mapping_version     BIGINT        NOT NULL,
    entity_type         VARCHAR(40)   NOT NULL,
    erp_entity_name     VARCHAR(200)  NOT NULL,
    status              VARCHAR(20)   NOT NULL,  -- PENDING, RUNNING, DONE, FAILED, CANCELLED
    page_cursor         TEXT,                    -- inbound: cursor of the page asked for now (null: first)
    pages_done          INT           NOT NULL DEFAULT 0,
    total_count         BIGINT,                  -- inbound: the ERP's count, when it gives one
    modified_since      TIMESTAMPTZ,             -- incremental: the watermark minus the overlap
    high_watermark      TIMESTAMPTZ,             -- latest source modification time seen so far
    after_updated_at    TIMESTAMPTZ,             -- outbound keyset position
    after_tgm_id        BIGINT,
    commands_issued     BIGINT        NOT NULL DEFAULT 0,
    commands_answered   BIGINT        NOT NULL DEFAULT 0,
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, mapping_id, direction)
);

-- Record writes sent to a connector and not answered yet (and, once answered, what they were).
-- The idempotency key travels with the command, so a result delivered twice counts once.
CREATE TABLE sync_command (
    idempotency_key     VARCHAR(200)  PRIMARY KEY,
    job_id              BIGINT        NOT NULL REFERENCES sync_job (id) ON DELETE CASCADE,
    mapping_id          BIGINT        NOT NULL,
    connection_id       BIGINT        NOT NULL,
    entity_type         VARCHAR(40)   NOT NULL,
    tgm_record_id       BIGINT,
    tgm_values          JSONB,                   -- the mapped TGM values written: the next merge base
    record_hash         VARCHAR(64),
    issued_at           TIMESTAMPTZ   NOT NULL DEFAULT now(),
    answered_at         TIMESTAMPTZ
);
CREATE INDEX sync_command_in_flight ON sync_command (connection_id) WHERE answered_at IS NULL;
CREATE INDEX sync_command_of_job ON sync_command (job_id);

-- The guide's errorLogs: one row per failed record, recordIndex counting from 0 within the job.
CREATE TABLE sync_error_log (
    id                  BIGSERIAL     PRIMARY KEY,
    job_id              BIGINT        NOT NULL REFERENCES sync_job (id) ON DELETE CASCADE,
    record_index        BIGINT        NOT NULL,
    entity_type         VARCHAR(40)   NOT NULL,
    mapping_id          BIGINT,
    direction           VARCHAR(10),
    tgm_record_id       BIGINT,
    erp_record_id       VARCHAR(1000),
    error_code          VARCHAR(40)   NOT NULL,
    error_message       VARCHAR(4000) NOT NULL,
    retryable           BOOLEAN       NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (job_id, record_index)
);

-- The sync ledger: which TGM record is which ERP record, per connection and entity, with the last
-- synced values (the merge base) and their hash, for echo suppression and three-way merges.
CREATE TABLE sync_ledger (
    connection_id       BIGINT        NOT NULL,
    entity_type         VARCHAR(40)   NOT NULL,
    tgm_id              BIGINT        NOT NULL,
    erp_key             VARCHAR(1000) NOT NULL,  -- the key fields as a JSON object, mapping order
    erp_etag            VARCHAR(500),
    erp_modified_at     TIMESTAMPTZ,
    tgm_updated_at      TIMESTAMPTZ,
    base_values         JSONB         NOT NULL,
    base_hash           VARCHAR(64)   NOT NULL,
    last_direction      VARCHAR(10)   NOT NULL,
    last_job_id         BIGINT,
    last_synced_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, entity_type, tgm_id),
    CONSTRAINT sync_ledger_erp_key UNIQUE (connection_id, entity_type, erp_key)
);

-- Where the next incremental sync of a mapping starts: the source's own modification time of the
-- latest record a successful sync saw (never the orchestrator's clock).
CREATE TABLE sync_watermark (
    connection_id       BIGINT        NOT NULL,
    mapping_id          BIGINT        NOT NULL,
    direction           VARCHAR(10)   NOT NULL,
    watermark           TIMESTAMPTZ   NOT NULL,
    job_id              BIGINT        NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, mapping_id, direction)
);

-- Scheduled syncs: the next tick per connection. A replica fires a tick only after locking its row
-- (FOR UPDATE SKIP LOCKED) and moving next_run_at on, so two replicas never both fire it.
CREATE TABLE sync_schedule (
    connection_id       BIGINT        PRIMARY KEY,
    interval_minutes    INT           NOT NULL,
    next_run_at         TIMESTAMPTZ   NOT NULL,
    last_fired_at       TIMESTAMPTZ,
    last_job_id         BIGINT
);

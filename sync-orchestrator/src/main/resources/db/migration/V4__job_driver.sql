-- What the job driver keeps beside the jobs of V3: the outbox its commands and events leave
-- through, page retries, feed positions, and what makes every answer count once.

-- Transactional outbox (library transactional-outbox): a command or event is written in the
-- transaction of the state change that decided it and relayed to Kafka once that commits.
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    payload     TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

ALTER TABLE sync_job
    -- processed_records when the last progress event was published, and when
    ADD COLUMN progress_event_records BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN progress_event_at      TIMESTAMPTZ,
    -- the completed/failed/cancelled event is out: a job cancelled or reaped elsewhere still gets one
    ADD COLUMN final_event_sent       BOOLEAN     NOT NULL DEFAULT false;
CREATE INDEX sync_job_final_event_due ON sync_job (id)
    WHERE status IN ('CANCELLED', 'STALE') AND NOT final_event_sent;

ALTER TABLE sync_job_task
    -- inbound: failed tries of the page asked for now, and when it is asked for again
    ADD COLUMN page_failures          INT         NOT NULL DEFAULT 0,
    ADD COLUMN retry_at               TIMESTAMPTZ,
    -- earliest source modification time of a record that failed: the watermark stops there
    ADD COLUMN min_failed_modified_at TIMESTAMPTZ,
    -- every record of the source was read; the task is done once its commands are answered
    ADD COLUMN feed_exhausted         BOOLEAN     NOT NULL DEFAULT false,
    -- retry of failed records: keyset position (record_index) in the retried job's error log
    ADD COLUMN after_error_index      BIGINT,
    -- why the task failed (the job carries the same for the guide's views)
    ADD COLUMN error_code             VARCHAR(40),
    ADD COLUMN error_message          VARCHAR(2000);
CREATE INDEX sync_job_task_retry_due ON sync_job_task (retry_at) WHERE retry_at IS NOT NULL;
CREATE INDEX sync_job_task_active ON sync_job_task (status, job_id)
    WHERE status IN ('PENDING', 'RUNNING');

ALTER TABLE sync_command
    -- UPSERT (an UpsertRecord) or FETCH (a FetchRecord, answered by RecordFetched)
    ADD COLUMN kind           VARCHAR(10)   NOT NULL DEFAULT 'UPSERT',
    -- outbound: updated_at of the TGM row when it was read; a failed one holds the watermark back
    ADD COLUMN tgm_updated_at TIMESTAMPTZ,
    -- the ERP key the command names (canonical JSON), null when the record is not linked yet
    ADD COLUMN erp_key        VARCHAR(1000);
CREATE INDEX sync_command_unanswered_of_job ON sync_command (job_id) WHERE answered_at IS NULL;

ALTER TABLE sync_error_log
    -- the failed record's ERP key as canonical JSON (erp_record_id is its display form): what a
    -- retry of the failed records fetches again
    ADD COLUMN erp_key VARCHAR(1000);

ALTER TABLE sync_ledger
    -- the ERP key as REFERENCE fields hold it: the value of a one-field key, else the JSON object
    ADD COLUMN erp_ref VARCHAR(1000);
CREATE INDEX sync_ledger_erp_ref ON sync_ledger (connection_id, entity_type, erp_ref);

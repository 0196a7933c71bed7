-- Scheduled syncs beside V3's sync_schedule, and what the dashboard reads.

-- The version of the connection snapshot a schedule row was planned from: a replica whose copy of
-- erp.connections lags behind never overwrites (or removes) a row planned from a newer version.
ALTER TABLE sync_schedule ADD COLUMN connection_version BIGINT NOT NULL DEFAULT 0;
-- the ticker's "what is due", soonest first
CREATE INDEX sync_schedule_due ON sync_schedule (next_run_at);

-- The dashboard's last 24 hours: errors per connection, failed and stale jobs of every connection.
CREATE INDEX sync_job_completed_of_connection ON sync_job (connection_id, completed_at)
    WHERE completed_at IS NOT NULL;
CREATE INDEX sync_job_recently_failed ON sync_job (completed_at DESC)
    WHERE status IN ('FAILED', 'STALE');

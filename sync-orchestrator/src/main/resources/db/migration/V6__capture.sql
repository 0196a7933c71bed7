-- Change capture of schema tgm (sync-orchestrator, package capture).
--
-- capture_offset: where capture resumes, per replication slot (Debezium's source offsets, written
-- after every published batch). Any replica reads it when it becomes the leader.
CREATE TABLE capture_offset (
    store_name   TEXT        NOT NULL,
    offset_key   BYTEA       NOT NULL,
    offset_value BYTEA       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (store_name, offset_key)
);

-- The whole old row in the WAL on UPDATE and DELETE: a change then names the fields it changed,
-- and a delete carries the record's last values, not only its id.
DO
$$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY ['company', 'location', 'unit', 'component', 'app_user', 'work_order',
        'inspection', 'failure', 'inventory_item', 'invoice']
    LOOP
        EXECUTE format('ALTER TABLE tgm.%I REPLICA IDENTITY FULL', t);
    END LOOP;
END;
$$;

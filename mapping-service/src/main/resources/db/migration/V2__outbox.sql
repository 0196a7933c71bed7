-- Transactional outbox (library transactional-outbox): each mapping change writes its snapshot (a
-- tombstone on delete) here in the same transaction; OutboxRelay relays it to erp.mappings and
-- deletes the row once the broker acknowledged it. The id gives the publishing order.
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    payload     TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

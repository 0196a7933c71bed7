-- Transactional outbox: events are written in the same transaction as the change they describe
-- and relayed to Kafka by OutboxRelay, which deletes each row once the broker acknowledged it.
-- The id gives the publishing order; payload NULL is a tombstone (a deleted connection).
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    payload     TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

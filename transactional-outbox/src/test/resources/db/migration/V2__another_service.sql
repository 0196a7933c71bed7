-- A second service's outbox in the same database: its locks must not hold up this one's.
CREATE SCHEMA another_service;
CREATE TABLE another_service.outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    payload     TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

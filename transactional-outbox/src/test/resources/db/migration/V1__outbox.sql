-- The table every service using the library creates in its own schema (see the README).
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(249) NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    payload     TEXT         NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

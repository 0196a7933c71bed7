-- Audit trail of the admin API: one row per admin write, successful or not. connection_id has no
-- foreign key on purpose: entries outlive the connections they describe. Secrets never appear:
-- changes holds field -> {"from": .., "to": ..} with secret values masked.
-- outcome tells the fate of the change (SUCCESS: in effect); status is the HTTP answer, filled in
-- once the response is known (NULL only if that last step failed).
CREATE TABLE audit_entry (
    id            BIGSERIAL    PRIMARY KEY,
    occurred_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor         VARCHAR(255) NOT NULL,
    action        VARCHAR(100) NOT NULL,
    connection_id BIGINT       NULL,
    http_method   VARCHAR(10)  NOT NULL,
    path          VARCHAR(2000) NOT NULL,
    outcome       VARCHAR(10)  NOT NULL CHECK (outcome IN ('SUCCESS', 'REJECTED', 'FAILED')),
    status        INTEGER      NULL,
    changes       JSONB        NOT NULL DEFAULT '{}',
    detail        TEXT         NULL
);

-- the query filters, each newest first as the API lists them
CREATE INDEX audit_entry_connection_idx ON audit_entry (connection_id, occurred_at DESC, id DESC);
CREATE INDEX audit_entry_action_idx ON audit_entry (action, occurred_at DESC, id DESC);
CREATE INDEX audit_entry_occurred_at_idx ON audit_entry (occurred_at DESC, id DESC);

-- Message log of the idempotent consumers (one row per consumed message id).
CREATE TABLE processed_message (
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- ERP connections. Secrets are never stored in clear: `secrets` maps a secret's name to its
-- AES-256-GCM ciphertext ({keyId, algorithm, iv, ciphertext}).
CREATE TABLE erp_connection (
    id                        BIGSERIAL    PRIMARY KEY,
    name                      VARCHAR(200) NOT NULL,
    description               TEXT,
    erp_type                  VARCHAR(40)  NOT NULL,
    auth_type                 VARCHAR(40)  NOT NULL,
    base_url                  TEXT,
    client_id                 VARCHAR(500),
    username                  VARCHAR(500),
    sap_client                VARCHAR(3),
    sap_system_id             VARCHAR(8),
    sap_instance_number       VARCHAR(2),
    sap_language              VARCHAR(2),
    dynamics_tenant_id        VARCHAR(200),
    dynamics_environment      VARCHAR(200),
    dynamics_company_id       VARCHAR(200),
    oracle_instance_url       TEXT,
    oracle_identity_domain    VARCHAR(500),
    connection_settings       JSONB        NOT NULL DEFAULT '{}',
    secrets                   JSONB        NOT NULL DEFAULT '{}',
    enabled                   BOOLEAN      NOT NULL,
    sync_enabled              BOOLEAN      NOT NULL,
    sync_direction            VARCHAR(20)  NOT NULL,
    sync_interval_minutes     INTEGER      NOT NULL,
    webhook_enabled           BOOLEAN      NOT NULL,
    max_retries               INTEGER      NOT NULL,
    retry_delay_seconds       INTEGER      NOT NULL,
    rate_limit_requests       INTEGER      NOT NULL,
    rate_limit_period_seconds INTEGER      NOT NULL,
    max_concurrent_requests   INTEGER      NOT NULL,
    connection_status         VARCHAR(20)  NOT NULL DEFAULT 'UNTESTED',
    last_tested_at            TIMESTAMPTZ,
    last_error                TEXT,
    version                   BIGINT       NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL,
    updated_at                TIMESTAMPTZ  NOT NULL
);

-- names are unique regardless of case: "Production SAP" and "production sap" would confuse users
CREATE UNIQUE INDEX erp_connection_name_key ON erp_connection (lower(name));

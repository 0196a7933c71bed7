-- Entity mappings: one TGM entity type mapped to one ERP entity set, per connection. The field
-- mappings are one JSONB array (FieldMappingSpec of sync-contracts, in the order given): a mapping
-- is edited, versioned and published as a whole, so it is stored as a whole too. Their rules
-- (known TGM fields, no field mapped twice, a key field) are checked by MappingValidator.
CREATE TABLE entity_mapping (
    id                  BIGSERIAL    PRIMARY KEY,
    -- an id of erp.connections (connection-service owns the connections; no foreign key across
    -- services): mappings of a deleted connection are removed when its tombstone arrives
    connection_id       BIGINT       NOT NULL,
    tgm_entity_type     VARCHAR(40)  NOT NULL,
    erp_entity_name     VARCHAR(200) NOT NULL,
    sync_enabled        BOOLEAN      NOT NULL,
    sync_direction      VARCHAR(20)  NOT NULL,
    conflict_resolution VARCHAR(20)  NOT NULL,
    batch_size          INTEGER      NOT NULL CHECK (batch_size BETWEEN 1 AND 1000),
    delta_field         VARCHAR(200),
    filter              TEXT,
    field_mappings      JSONB        NOT NULL CHECK (jsonb_typeof(field_mappings) = 'array'),
    version             BIGINT       NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);

-- one mapping per TGM entity and connection: a second one would make the sync ambiguous
CREATE UNIQUE INDEX entity_mapping_connection_entity_key
    ON entity_mapping (connection_id, tgm_entity_type);

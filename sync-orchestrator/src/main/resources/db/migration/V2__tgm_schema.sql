-- The TGM database stand-in: one table per syncable entity, the columns exactly the fields of
-- sync-contracts' TgmFieldCatalogue (camelCase field -> snake_case column), plus created_at.
-- TgmSchemaTest fails the build when this file and the catalogue drift apart.
--
-- Conventions:
-- * updated_at and created_at belong to the database (trigger tgm.touch_row): no writer can forget
--   them, and a sync's own writes move updated_at like any other.
-- * Foreign keys are ON DELETE RESTRICT: deleting a unit must not silently rewrite the history
--   pointing at it (work orders, inspections, invoices), nor fan out as a burst of changed rows to
--   every connected ERP. TGM retires such records (status, active) instead of deleting them.
-- * Optional fields are nullable, so a sync may always clear them; required fields are NOT NULL.
-- * Decimal columns carry the scale TGM keeps; TgmStore refuses a value it would have to round.
-- * Every table has an index on (updated_at, id): keyset paging in modification order.

CREATE SCHEMA IF NOT EXISTS tgm;

CREATE FUNCTION tgm.touch_row() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    -- clock_timestamp, not now(): rows written late in a long transaction must not look older
    NEW.updated_at := clock_timestamp();
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := NEW.updated_at;
    ELSE
        NEW.created_at := OLD.created_at;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TABLE tgm.company (
    id              BIGSERIAL PRIMARY KEY,
    name            VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    customer_number VARCHAR(50) UNIQUE,
    -- not unique: branches and ship-to parties of one legal entity share its tax id in ERPs
    tax_id          VARCHAR(50),
    email           VARCHAR(254),
    phone           VARCHAR(50),
    street          VARCHAR(255),
    city            VARCHAR(100),
    postal_code     VARCHAR(20),
    -- ERPs disagree (ISO alpha-2, alpha-3, names), so text rather than a code list
    country         VARCHAR(100),
    active          BOOLEAN DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.location (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    code        VARCHAR(50),
    company_id  BIGINT REFERENCES tgm.company (id) ON DELETE RESTRICT,
    street      VARCHAR(255),
    city        VARCHAR(100),
    postal_code VARCHAR(20),
    country     VARCHAR(100),
    latitude    NUMERIC(10, 7) CHECK (latitude BETWEEN -90 AND 90),
    longitude   NUMERIC(10, 7) CHECK (longitude BETWEEN -180 AND 180),
    active      BOOLEAN DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.unit (
    id                BIGSERIAL PRIMARY KEY,
    name              VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    serial_number     VARCHAR(100),
    manufacturer      VARCHAR(255),
    model             VARCHAR(255),
    status            VARCHAR(20) DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'INACTIVE', 'IN_REPAIR', 'DECOMMISSIONED')),
    location_id       BIGINT REFERENCES tgm.location (id) ON DELETE RESTRICT,
    company_id        BIGINT REFERENCES tgm.company (id) ON DELETE RESTRICT,
    install_date      DATE,
    warranty_end_date DATE,
    specifications    JSONB,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.component (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(255) NOT NULL CHECK (btrim(name) <> ''),
    part_number   VARCHAR(100),
    unit_id       BIGINT REFERENCES tgm.unit (id) ON DELETE RESTRICT,
    manufacturer  VARCHAR(255),
    serial_number VARCHAR(100),
    quantity      INTEGER CHECK (quantity >= 0),
    unit_cost     NUMERIC(19, 4) CHECK (unit_cost >= 0),
    install_date  DATE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.app_user (
    id              BIGSERIAL PRIMARY KEY,
    username        VARCHAR(100) NOT NULL UNIQUE CHECK (btrim(username) <> ''),
    first_name      VARCHAR(100),
    last_name       VARCHAR(100),
    email           VARCHAR(254),
    phone           VARCHAR(50),
    employee_number VARCHAR(50),
    role            VARCHAR(20) DEFAULT 'VIEWER'
        CHECK (role IN ('ADMIN', 'MANAGER', 'TECHNICIAN', 'VIEWER')),
    active          BOOLEAN DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.work_order (
    id               BIGSERIAL PRIMARY KEY,
    number           VARCHAR(50) NOT NULL UNIQUE CHECK (btrim(number) <> ''),
    title            VARCHAR(255),
    description      TEXT,
    type             VARCHAR(20)
        CHECK (type IN ('PREVENTIVE', 'CORRECTIVE', 'INSPECTION', 'EMERGENCY')),
    priority         VARCHAR(20) DEFAULT 'MEDIUM'
        CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status           VARCHAR(20) DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
    unit_id          BIGINT REFERENCES tgm.unit (id) ON DELETE RESTRICT,
    location_id      BIGINT REFERENCES tgm.location (id) ON DELETE RESTRICT,
    assigned_user_id BIGINT REFERENCES tgm.app_user (id) ON DELETE RESTRICT,
    scheduled_start  TIMESTAMPTZ,
    scheduled_end    TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    estimated_hours  NUMERIC(10, 2) CHECK (estimated_hours >= 0),
    actual_hours     NUMERIC(10, 2) CHECK (actual_hours >= 0),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.inspection (
    id                BIGSERIAL PRIMARY KEY,
    number            VARCHAR(50) NOT NULL UNIQUE CHECK (btrim(number) <> ''),
    unit_id           BIGINT REFERENCES tgm.unit (id) ON DELETE RESTRICT,
    work_order_id     BIGINT REFERENCES tgm.work_order (id) ON DELETE RESTRICT,
    inspector_user_id BIGINT REFERENCES tgm.app_user (id) ON DELETE RESTRICT,
    inspection_date   TIMESTAMPTZ,
    result            VARCHAR(20) CHECK (result IN ('PASS', 'FAIL', 'CONDITIONAL')),
    measurement_point VARCHAR(100),
    measured_value    NUMERIC(20, 6),
    unit_of_measure   VARCHAR(20),
    notes             TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.failure (
    id                  BIGSERIAL PRIMARY KEY,
    number              VARCHAR(50) NOT NULL UNIQUE CHECK (btrim(number) <> ''),
    unit_id             BIGINT REFERENCES tgm.unit (id) ON DELETE RESTRICT,
    reported_by_user_id BIGINT REFERENCES tgm.app_user (id) ON DELETE RESTRICT,
    reported_at         TIMESTAMPTZ,
    failure_code        VARCHAR(50),
    description         TEXT,
    severity            VARCHAR(20) CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status              VARCHAR(20) DEFAULT 'OPEN'
        CHECK (status IN ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    downtime_hours      NUMERIC(10, 2) CHECK (downtime_hours >= 0),
    resolved_at         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.inventory_item (
    id               BIGSERIAL PRIMARY KEY,
    sku              VARCHAR(100) NOT NULL UNIQUE CHECK (btrim(sku) <> ''),
    name             VARCHAR(255),
    description      TEXT,
    location_id      BIGINT REFERENCES tgm.location (id) ON DELETE RESTRICT,
    -- may go negative: ERPs that allow negative stock report it as it is
    quantity_on_hand NUMERIC(19, 4),
    reorder_point    NUMERIC(19, 4) CHECK (reorder_point >= 0),
    unit_of_measure  VARCHAR(20),
    unit_cost        NUMERIC(19, 4) CHECK (unit_cost >= 0),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tgm.invoice (
    id            BIGSERIAL PRIMARY KEY,
    number        VARCHAR(50) NOT NULL UNIQUE CHECK (btrim(number) <> ''),
    company_id    BIGINT REFERENCES tgm.company (id) ON DELETE RESTRICT,
    work_order_id BIGINT REFERENCES tgm.work_order (id) ON DELETE RESTRICT,
    issue_date    DATE,
    due_date      DATE,
    -- ISO 4217; SAP's currency key allows five characters
    currency      VARCHAR(5),
    -- amounts may be negative: credit notes are invoices too
    net_amount    NUMERIC(19, 4),
    tax_amount    NUMERIC(19, 4),
    total_amount  NUMERIC(19, 4),
    status        VARCHAR(20) DEFAULT 'DRAFT'
        CHECK (status IN ('DRAFT', 'ISSUED', 'PAID', 'OVERDUE', 'CANCELLED')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- The trigger, the paging index and an index per foreign key (RESTRICT checks and joins) per table.
DO
$$
DECLARE
    t TEXT;
    fk RECORD;
BEGIN
    FOREACH t IN ARRAY ARRAY ['company', 'location', 'unit', 'component', 'app_user', 'work_order',
        'inspection', 'failure', 'inventory_item', 'invoice']
    LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON tgm.%I '
                       'FOR EACH ROW EXECUTE FUNCTION tgm.touch_row()', t || '_touch', t);
        EXECUTE format('CREATE INDEX %I ON tgm.%I (updated_at, id)', t || '_updated_at_id_idx', t);
    END LOOP;
    FOR fk IN
        SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
        FROM pg_constraint c
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f'
          AND c.connamespace = 'tgm'::regnamespace
        LOOP
            EXECUTE format('CREATE INDEX %I ON %s (%I)',
                           replace(fk.tbl, 'tgm.', '') || '_' || fk.col || '_idx', fk.tbl, fk.col);
        END LOOP;
END;
$$;

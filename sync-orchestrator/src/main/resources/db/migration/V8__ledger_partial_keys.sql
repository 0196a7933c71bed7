-- An ERP notification may name a record by part of its key (an S/4HANA business event carries the
-- equipment number, the entity's key also has its validity end): the ledger and the fetches in
-- flight are then found by containment of the JSON key.
CREATE INDEX sync_ledger_erp_key_json ON sync_ledger USING gin ((erp_key::jsonb) jsonb_path_ops);

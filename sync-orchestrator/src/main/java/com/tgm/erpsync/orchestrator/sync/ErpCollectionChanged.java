package com.tgm.erpsync.orchestrator.sync;

/**
 * An ERP reported that many records of an entity changed without listing them (Business Central's
 * {@code collection} notification): the entity is to be read again. Fired in the transaction that
 * took the notification; acted on once it committed.
 *
 * @param filter the ERP's own filter for the changed records, as it sent it (may be null)
 */
public record ErpCollectionChanged(
    long connectionId, String erpEntityName, String filter, String eventId) {}

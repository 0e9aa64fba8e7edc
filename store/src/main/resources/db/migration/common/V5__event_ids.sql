-- Client event ids the writer has stored, kept for a retention period (WRITER_EVENT_ID_RETENTION_HOURS):
-- an event whose id is here already is a client's retry and is not stored again.
CREATE TABLE event_ids (
    id       text        PRIMARY KEY,
    received timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX event_ids_received ON event_ids (received);

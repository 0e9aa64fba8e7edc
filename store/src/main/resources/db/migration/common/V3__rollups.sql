-- Per-second, per-minute and per-hour summaries that the writer keeps up to date in the same
-- transaction as the events, so that an hour is counted from at most a few hundred rows.
-- users: the portable Roaring bitmap of the internal ids of the bucket's users (empty = none).
-- changed_by: the transaction that last changed the row, for readers that follow changes.
CREATE TABLE rollups (
    granularity smallint    NOT NULL,  -- 1 second, 2 minute, 3 hour
    bucket      timestamptz NOT NULL,
    clicks      bigint      NOT NULL,
    impressions bigint      NOT NULL,
    users       bytea       NOT NULL,
    changed_by  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (granularity, bucket)
);

CREATE INDEX rollups_changed_by_idx ON rollups (changed_by);

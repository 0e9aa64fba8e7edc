-- How far back each kind of data is answered, as the writer's retention last set it: query-api
-- refuses a window that needs data from before a horizon instead of answering a low count. The
-- writer moves a horizon first and removes the data behind it only an hour later, so a reader that
-- read the horizon up to an hour ago never counts data that is gone.
CREATE TABLE retention_horizons (
    kind      text        PRIMARY KEY,  -- events, or a rollup granularity: second, minute, hour
    kept_from timestamptz NOT NULL,
    setting   text        NOT NULL      -- the setting behind it, e.g. RETENTION_EVENTS_DAYS=7
);

-- Readers ask about the buckets they hold, by primary key, so nothing uses the index on
-- changed_by any more. Without it, and with room kept free on each page, the writer's update of a
-- bucket can be a heap-only (HOT) update that leaves the primary key's index alone.
DROP INDEX rollups_changed_by_idx;
ALTER TABLE rollups SET (fillfactor = 70);
-- A Roaring bitmap is compressed already: asking PostgreSQL to compress it again (pglz) cost most
-- of an update's time and never made a value smaller.
ALTER TABLE rollups ALTER COLUMN users SET STORAGE EXTERNAL;

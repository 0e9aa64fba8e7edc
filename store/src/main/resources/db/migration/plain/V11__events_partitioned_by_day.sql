-- Plain PostgreSQL: events partitioned by day (range on time), so that retention drops whole days
-- and never deletes events row by row. The writer creates each day's partition before it stores
-- the day's first event. Rows already stored are not copied: a table that holds any becomes the
-- partition of everything before tomorrow, dropped once all of it is past the retention.
ALTER TABLE events RENAME TO events_before_partitioning;
ALTER INDEX events_time_idx RENAME TO events_before_partitioning_time_idx;
CREATE TABLE events (LIKE events_before_partitioning) PARTITION BY RANGE (time);
CREATE INDEX events_time_idx ON events (time);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM events_before_partitioning) THEN
        EXECUTE format(
            'ALTER TABLE events ATTACH PARTITION events_before_partitioning'
                || ' FOR VALUES FROM (MINVALUE) TO (%L)',
            date_trunc('day', now(), 'UTC') + interval '1 day');
    ELSE
        DROP TABLE events_before_partitioning;
    END IF;
END
$$;

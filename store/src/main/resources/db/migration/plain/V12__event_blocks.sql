-- Plain PostgreSQL: events are stored a second at a time (see common V13 for how to read them as
-- rows), partitioned by day as before. Rows already stored are copied into blocks; they go into one
-- partition of everything before tomorrow (or the day after the newest event), dropped whole once
-- all of it is past the retention, as migration 11 did with the unpartitioned table.
CREATE TABLE event_blocks (
    second   timestamptz NOT NULL,
    offsets  smallint[]  NOT NULL,
    user_ids integer[]   NOT NULL,
    kinds    smallint[]  NOT NULL
) PARTITION BY RANGE (second);
CREATE INDEX event_blocks_second_idx ON event_blocks (second);

DO $$
DECLARE
    newest timestamptz;
BEGIN
    SELECT max(time) INTO newest FROM events;
    IF newest IS NOT NULL THEN
        EXECUTE format(
            'CREATE TABLE event_blocks_migrated PARTITION OF event_blocks'
                || ' FOR VALUES FROM (MINVALUE) TO (%L)',
            date_trunc('day', greatest(now(), newest), 'UTC') + interval '1 day');
        INSERT INTO event_blocks (second, offsets, user_ids, kinds)
        SELECT date_trunc('second', time, 'UTC'),
               array_agg(floor(extract(epoch FROM time - date_trunc('second', time, 'UTC')) * 1000)::smallint
                         ORDER BY time),
               array_agg(user_id::integer ORDER BY time),
               array_agg((array_position(enum_range(NULL::event_kind), kind) - 1)::smallint
                         ORDER BY time)
        FROM events
        GROUP BY 1;
    END IF;
END
$$;

DROP TABLE events;

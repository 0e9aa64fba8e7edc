-- TimescaleDB: events are stored a second at a time (see common V13 for how to read them as rows)
-- in a hypertable of day chunks, compressed ordered by second. Rows already stored are copied.
CREATE TABLE event_blocks (
    second   timestamptz NOT NULL,
    offsets  smallint[]  NOT NULL,
    user_ids integer[]   NOT NULL,
    kinds    smallint[]  NOT NULL
);

DO $$
DECLARE
    extension_schema text;
BEGIN
    SELECT n.nspname INTO extension_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'timescaledb';
    EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, chunk_time_interval => interval %L)',
                   extension_schema, quote_ident(current_schema()) || '.event_blocks', 'second',
                   '1 day');
END
$$;

ALTER TABLE event_blocks SET (timescaledb.compress, timescaledb.compress_orderby = 'second');

INSERT INTO event_blocks (second, offsets, user_ids, kinds)
SELECT date_trunc('second', time, 'UTC'),
       array_agg(floor(extract(epoch FROM time - date_trunc('second', time, 'UTC')) * 1000)::smallint
                 ORDER BY time),
       array_agg(user_id::integer ORDER BY time),
       array_agg((array_position(enum_range(NULL::event_kind), kind) - 1)::smallint ORDER BY time)
FROM events
GROUP BY 1;

DROP TABLE events;

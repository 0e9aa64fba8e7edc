-- TimescaleDB: chunks of events can be compressed (ordered by time, so an edge read of a
-- compressed chunk still finds its rows by time). The writer compresses chunks older than
-- TIMESCALE_COMPRESS_AFTER_HOURS through TimescaleDB's compression policy.
ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_orderby = 'time');

-- Day chunks (the default is 7 days): retention drops and compression compresses whole chunks, so
-- a chunk's length is how much longer than its setting data may stay uncompressed or kept.
DO $$
DECLARE
    extension_schema text;
BEGIN
    SELECT n.nspname INTO extension_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'timescaledb';
    EXECUTE format('SELECT %I.set_chunk_time_interval(%L::regclass, interval %L)',
                   extension_schema, quote_ident(current_schema()) || '.events', '1 day');
END
$$;

-- TimescaleDB: the events table becomes a hypertable chunked by time (it indexes time itself).
-- The extension goes into public so that dropping this schema never drops it.
CREATE EXTENSION IF NOT EXISTS timescaledb SCHEMA public;

DO $$
DECLARE
    extension_schema text;
BEGIN
    SELECT n.nspname INTO extension_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'timescaledb';
    EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L)',
                   extension_schema, quote_ident(current_schema()) || '.events', 'time');
END
$$;

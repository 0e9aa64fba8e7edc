-- Plain PostgreSQL: find an hour's events through a btree on time.
CREATE INDEX events_time_idx ON events (time);

-- Rows per shard: a writer adds each batch to rows of the batch's shard (its lowest Kafka
-- partition), and writers in one group own disjoint partitions, so they never wait for each
-- other's row locks on the current second, minute and hour. Readers merge a bucket's shards: the
-- counts add up and the users' bitmaps are OR-ed, so answers stay exact.
ALTER TABLE rollups ADD COLUMN IF NOT EXISTS shard smallint NOT NULL DEFAULT 0;
ALTER TABLE rollups DROP CONSTRAINT rollups_pkey;
ALTER TABLE rollups ADD PRIMARY KEY (granularity, bucket, shard);

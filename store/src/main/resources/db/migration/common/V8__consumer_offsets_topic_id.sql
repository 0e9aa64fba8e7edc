-- The Kafka topic id each stored offset belongs to: a topic deleted and created again, or a broker
-- whose log was lost, gets a new id, so the writer can tell a replaced log from the one it read.
ALTER TABLE consumer_offsets ADD COLUMN topic_id text;

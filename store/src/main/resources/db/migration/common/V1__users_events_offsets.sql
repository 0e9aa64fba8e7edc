-- Users are added by the id a producer gives; events refer to them by a dense internal id.
CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_id text        NOT NULL UNIQUE,
    first_seen  timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE event_kind AS ENUM ('click', 'impression');

-- No foreign key to users: the writer adds a batch's users in the same transaction as its
-- events, and a hypertable with a foreign key slows every chunk insert.
CREATE TABLE events (
    time    timestamptz NOT NULL,
    user_id bigint      NOT NULL,
    kind    event_kind  NOT NULL
);

-- Kafka offsets the writer has loaded, committed in the same transaction as the rows.
CREATE TABLE consumer_offsets (
    consumer_group text    NOT NULL,
    topic          text    NOT NULL,
    partition      integer NOT NULL,
    next_offset    bigint  NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition)
);

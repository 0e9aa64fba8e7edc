-- The stored events as rows (time, user_id, kind), as table events had them before migration 12:
-- for operators' queries and tests. It cannot use the index on second for a condition on time;
-- the services read event_blocks by second.
CREATE VIEW events AS
SELECT b.second + e.offset_ms * interval '1 millisecond' AS time,
       e.user_id::bigint AS user_id,
       (enum_range(NULL::event_kind))[e.kind + 1] AS kind
FROM event_blocks b
CROSS JOIN LATERAL unnest(b.offsets, b.user_ids, b.kinds) AS e (offset_ms, user_id, kind);

package io.useranalytics.store.eventids;

import io.useranalytics.record.Event;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops client retries: of the events that carry an id, keeps only those whose id neither an
 * earlier event of the batch nor a committed batch has stored. Claiming an id is part of the
 * batch's transaction, so a rolled-back batch claims nothing; a concurrent writer with the same id
 * waits on the key and then sees it taken.
 */
public final class EventIdRegistry {
    private static final String CLAIM =
            "INSERT INTO event_ids (id) SELECT unnest(?::text[])"
                    + " ON CONFLICT (id) DO NOTHING RETURNING id";

    public List<Event> firstSeen(Connection connection, List<Event> events) throws SQLException {
        Set<String> ids = new TreeSet<>();
        events.forEach(event -> event.id().ifPresent(ids::add));
        if (ids.isEmpty()) {
            return events;
        }
        Set<String> claimed = claim(connection, ids);
        List<Event> kept = new ArrayList<>(events.size());
        for (Event event : events) {
            if (event.id().isEmpty() || claimed.remove(event.id().get())) {
                kept.add(event);
            }
        }
        return kept;
    }

    private static Set<String> claim(Connection connection, Set<String> ids) throws SQLException {
        Set<String> claimed = new HashSet<>(ids.size() * 2);
        Array array = connection.createArrayOf("text", ids.toArray());
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getString(1));
                }
            }
        } finally {
            array.free();
        }
        return claimed;
    }
}

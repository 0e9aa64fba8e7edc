package io.useranalytics.store.offsets;

import io.useranalytics.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The Kafka offsets the writer has loaded, kept in the database beside the rows. They are saved in
 * the same transaction as the batch they follow, so rows and offsets commit or roll back together:
 * after a crash or a rebalance the writer resumes exactly after the last committed batch, and no
 * record is loaded twice or skipped. Each row also keeps the id of the topic its offset was read
 * from, so that a log replaced under the same name is not mistaken for the one read.
 */
public final class OffsetStore {
    private static final String SELECT =
            "SELECT partition, next_offset, topic_id FROM consumer_offsets"
                    + " WHERE consumer_group = ? AND topic = ?";
    private static final String ENSURE_ROW =
            "INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset, topic_id)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (consumer_group, topic, partition) DO NOTHING";
    private static final String ADVANCE =
            "UPDATE consumer_offsets SET next_offset = ?, topic_id = coalesce(?, topic_id)"
                    + " WHERE consumer_group = ? AND topic = ? AND partition = ? AND next_offset = ?";
    private static final String STORED =
            "SELECT next_offset FROM consumer_offsets"
                    + " WHERE consumer_group = ? AND topic = ? AND partition = ?";
    private static final String ACCEPT_GAP =
            "UPDATE consumer_offsets SET next_offset = ?, topic_id = ?"
                    + " WHERE consumer_group = ? AND topic = ? AND partition = ? AND next_offset = ?";

    private final DataSource dataSource;
    private final String consumerGroup;

    /** The id of each topic as the broker last said; written beside the offsets it advances. */
    private final Map<String, String> topicIds = new ConcurrentHashMap<>();

    public OffsetStore(DataSource dataSource, String consumerGroup) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup == null");
    }

    /** The stored offsets of those partitions that have one. */
    public Map<PartitionKey, StoredOffset> load(Collection<PartitionKey> partitions)
            throws StoreException {
        Map<PartitionKey, StoredOffset> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            for (String topic : partitions.stream().map(PartitionKey::topic).distinct().toList()) {
                select.setString(1, consumerGroup);
                select.setString(2, topic);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        PartitionKey partition = new PartitionKey(topic, rows.getInt(1));
                        if (partitions.contains(partition)) {
                            stored.put(
                                    partition,
                                    new StoredOffset(
                                            rows.getLong(2),
                                            Optional.ofNullable(rows.getString(3))));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return stored;
    }

    /** From now on, offsets of {@code topic} are stored as read from the topic with this id. */
    public void remember(String topic, String topicId) {
        topicIds.put(topic, topicId);
    }

    /**
     * Moves a partition's stored offset over a gap the operator accepted, if it is still {@code
     * expectedNext}; false if another writer moved it meanwhile.
     */
    public boolean acceptGap(
            PartitionKey partition, long expectedNext, long resumeAt, String topicId)
            throws StoreException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement accept = connection.prepareStatement(ACCEPT_GAP)) {
            accept.setLong(1, resumeAt);
            accept.setString(2, topicId);
            accept.setString(3, consumerGroup);
            accept.setString(4, partition.topic());
            accept.setInt(5, partition.partition());
            accept.setLong(6, expectedNext);
            return accept.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Stores {@code start} as the partition's offset unless it has one: a partition gets its row
     * when first read, so that every batch after that advances a row it expects.
     */
    public void ensure(PartitionKey partition, long start) throws StoreException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ensure = connection.prepareStatement(ENSURE_ROW)) {
            ensure.setString(1, consumerGroup);
            ensure.setString(2, partition.topic());
            ensure.setInt(3, partition.partition());
            ensure.setLong(4, start);
            ensure.setString(5, topicIds.get(partition.topic()));
            ensure.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Advances the stored offsets past a batch inside the caller's transaction, each from exactly
     * the offset the batch starts at (the one this writer last stored or loaded), in the order of
     * {@code ranges}; the row locks make concurrent writers take turns. Stops at the first
     * partition whose stored offset is elsewhere and says why ({@link Advance.Stale}, {@link
     * Advance.Rewound}): the caller rolls back.
     */
    public Advance advance(Connection connection, Map<PartitionKey, OffsetRange> ranges)
            throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            for (Map.Entry<PartitionKey, OffsetRange> entry : ranges.entrySet()) {
                PartitionKey partition = entry.getKey();
                advance.setLong(1, entry.getValue().next());
                advance.setString(2, topicIds.get(partition.topic()));
                advance.setString(3, consumerGroup);
                advance.setString(4, partition.topic());
                advance.setInt(5, partition.partition());
                advance.setLong(6, entry.getValue().first());
                if (advance.executeUpdate() != 1) {
                    return refusal(connection, partition, entry.getValue().first());
                }
            }
        }
        return new Advance.Done();
    }

    private Advance refusal(Connection connection, PartitionKey partition, long expected)
            throws SQLException {
        Optional<Long> stored = stored(connection, partition);
        if (stored.isPresent() && stored.get() > expected) {
            return new Advance.Stale(partition, stored.get(), expected);
        }
        return new Advance.Rewound(partition, stored, expected);
    }

    private Optional<Long> stored(Connection connection, PartitionKey partition)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STORED)) {
            select.setString(1, consumerGroup);
            select.setString(2, partition.topic());
            select.setInt(3, partition.partition());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }
}

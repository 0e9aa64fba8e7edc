package io.useranalytics.writer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets the writer has loaded, kept in the database beside the rows. They are saved in
 * the same transaction as the batch they follow, so rows and offsets commit or roll back together:
 * after a crash or a rebalance the writer resumes exactly after the last committed batch, and no
 * record is loaded twice or skipped.
 */
final class OffsetStore {
    private static final String SELECT =
            "SELECT partition, next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ?";
    private static final String UPSERT =
            "INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (consumer_group, topic, partition)"
                    + " DO UPDATE SET next_offset = excluded.next_offset";

    private final DataSource dataSource;
    private final String consumerGroup;

    OffsetStore(DataSource dataSource, String consumerGroup) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup == null");
    }

    /** The stored offsets of those partitions that have one. */
    Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            for (String topic :
                    partitions.stream().map(TopicPartition::topic).distinct().toList()) {
                select.setString(1, consumerGroup);
                select.setString(2, topic);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        TopicPartition partition = new TopicPartition(topic, rows.getInt(1));
                        if (partitions.contains(partition)) {
                            stored.put(partition, rows.getLong(2));
                        }
                    }
                }
            }
        }
        return stored;
    }

    /** Saves offsets inside the caller's transaction. */
    void save(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Map.Entry<TopicPartition, Long> entry : nextOffsets.entrySet()) {
                upsert.setString(1, consumerGroup);
                upsert.setString(2, entry.getKey().topic());
                upsert.setInt(3, entry.getKey().partition());
                upsert.setLong(4, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}

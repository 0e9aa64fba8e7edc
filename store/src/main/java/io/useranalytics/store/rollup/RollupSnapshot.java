package io.useranalytics.store.rollup;

import io.useranalytics.store.ServerState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The rollups and the server as one snapshot sees them; valid inside its {@link RollupReader}. */
public final class RollupSnapshot {
    private final Connection connection;
    private final RollupStore store;

    RollupSnapshot(Connection connection, RollupStore store) {
        this.connection = connection;
        this.store = store;
    }

    /** See {@link RollupStore#watermark}. */
    public String watermark() throws SQLException {
        return store.watermark(connection);
    }

    /** The server the snapshot reads ({@link ServerState}). */
    public ServerState server() throws SQLException {
        return ServerState.read(connection);
    }

    /** See {@link RollupStore#extents}. */
    public Map<Granularity, BucketExtent> extents() throws SQLException {
        return store.extents(connection);
    }

    /** See {@link RollupStore#changedSince}. */
    public List<BucketKey> changedSince(String watermark, Collection<BucketKey> among)
            throws SQLException {
        return store.changedSince(connection, watermark, among);
    }

    /** See {@link RollupStore#load}. */
    public Map<BucketKey, BucketSummary> load(Collection<BucketKey> keys) throws SQLException {
        return store.load(connection, keys);
    }
}

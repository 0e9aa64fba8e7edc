package io.useranalytics.query;

import io.useranalytics.store.ServerState;

/**
 * Whether what the cache read from one server (at one transaction watermark) still holds on the
 * server a refresh reads now: the same server, the same server promoted, another standby of the
 * same history (a replica behind a load balancer), a standby replaying behind what was read, or a
 * database that lost commits (a failover to a standby that missed them, a restore).
 */
enum ReadContinuity {
    /** Everything read holds: refresh what changed since the watermark. */
    CONTINUES,
    /**
     * A standby that has not replayed yet what the cache read: keep the cache as it is and read
     * again later, so that no answer goes back in time.
     */
    BEHIND,
    /** The database lost commits the cache may hold: drop it all. */
    WENT_BACK;

    static ReadContinuity between(
            ServerState before, long watermarkBefore, ServerState now, long watermarkNow) {
        if (!before.systemIdentifier().equals(now.systemIdentifier())) {
            return WENT_BACK;
        }
        boolean forward = watermarkNow >= watermarkBefore;
        if (before.isSameStartAs(now)) {
            // the same server: on a timeline of its own only if promoted, which loses nothing
            if (forward) {
                return CONTINUES;
            }
            return now.standby() ? BEHIND : WENT_BACK;
        }
        if (now.standby() && before.timeline() == now.timeline()) {
            // another replica of the same history, or this one restarted
            return watermarkNow > watermarkBefore ? CONTINUES : BEHIND;
        }
        return WENT_BACK; // a restore, or a failover to a server that may have missed commits
    }
}

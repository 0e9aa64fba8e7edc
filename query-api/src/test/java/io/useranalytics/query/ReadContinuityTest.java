package io.useranalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.useranalytics.store.ServerState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadContinuityTest {
    private static final ServerState PRIMARY = primary("7716", 1, "start-a");
    private static final ServerState STANDBY = standby("7716", 1, "start-b");

    @Test
    void the_same_server_moving_forward_continues() {
        assertThat(ReadContinuity.between(PRIMARY, 100, PRIMARY, 100))
                .isEqualTo(ReadContinuity.CONTINUES);
        assertThat(ReadContinuity.between(PRIMARY, 100, PRIMARY, 250))
                .isEqualTo(ReadContinuity.CONTINUES);
    }

    @Test
    void a_primary_whose_watermark_went_back_lost_commits() {
        assertThat(ReadContinuity.between(PRIMARY, 100, PRIMARY, 99))
                .isEqualTo(ReadContinuity.WENT_BACK);
    }

    @Test
    void the_standby_read_and_then_promoted_loses_nothing() {
        ServerState promoted = primary("7716", 2, "start-b");
        assertThat(ReadContinuity.between(STANDBY, 100, promoted, 120))
                .isEqualTo(ReadContinuity.CONTINUES);
    }

    @Test
    void a_failover_to_another_server_or_a_restore_goes_back() {
        ServerState promotedStandby = primary("7716", 2, "start-b");
        ServerState restored = primary("7716", 1, "start-c");
        assertThat(ReadContinuity.between(PRIMARY, 100, promotedStandby, 500))
                .isEqualTo(ReadContinuity.WENT_BACK);
        assertThat(ReadContinuity.between(PRIMARY, 100, restored, 500))
                .isEqualTo(ReadContinuity.WENT_BACK);
        assertThat(ReadContinuity.between(PRIMARY, 100, primary("9999", 1, "start-a"), 500))
                .isEqualTo(ReadContinuity.WENT_BACK);
    }

    @Test
    void another_replica_of_the_same_history_continues_once_past_what_was_read() {
        ServerState otherReplica = standby("7716", 1, "start-d");
        assertThat(ReadContinuity.between(STANDBY, 100, otherReplica, 101))
                .isEqualTo(ReadContinuity.CONTINUES);
        assertThat(ReadContinuity.between(STANDBY, 100, otherReplica, 100))
                .isEqualTo(ReadContinuity.BEHIND);
        assertThat(ReadContinuity.between(PRIMARY, 100, otherReplica, 60))
                .isEqualTo(ReadContinuity.BEHIND);
    }

    @Test
    void a_standby_of_another_timeline_may_have_missed_commits() {
        assertThat(ReadContinuity.between(PRIMARY, 100, standby("7716", 2, "start-e"), 500))
                .isEqualTo(ReadContinuity.WENT_BACK);
    }

    private static ServerState primary(String system, long timeline, String started) {
        return new ServerState(system, timeline, started, false, false, Duration.ZERO);
    }

    private static ServerState standby(String system, long timeline, String started) {
        return new ServerState(system, timeline, started, true, true, Duration.ZERO);
    }
}

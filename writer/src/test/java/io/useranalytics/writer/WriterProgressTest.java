package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterProgressTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private final MovableClock clock = new MovableClock();
    private final WriterProgress progress =
            new WriterProgress(Duration.ofSeconds(60), clock, new SimpleMeterRegistry());

    @Test
    void records_waiting_with_nothing_stored_past_the_bound_is_a_stall() {
        progress.observe(true, 1_234, clock.instant());
        clock.advance(Duration.ofSeconds(59));
        progress.observe(true, 1_234, clock.instant());
        assertThat(blocker()).isEmpty();
        clock.advance(Duration.ofSeconds(16));
        progress.observe(true, 1_234, clock.instant());
        assertThat(blocker())
                .hasValueSatisfying(
                        text ->
                                assertThat(text)
                                        .startsWith(
                                                "the writer has stored nothing for 75 s while"
                                                        + " records wait (lag 1,234)"));
    }

    @Test
    void an_idle_writer_that_keeps_polling_is_not_stalled() {
        for (int second = 0; second < 300; second++) {
            progress.observe(false, 0, clock.instant());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(blocker()).isEmpty();
    }

    @Test
    void a_poll_thread_that_stopped_reporting_with_nothing_waiting_is_a_stall_all_the_same() {
        progress.observe(false, 0, clock.instant());
        progress.stored(clock.instant());
        clock.advance(Duration.ofSeconds(30));
        assertThat(blocker()).isEmpty();
        clock.advance(Duration.ofSeconds(40));
        assertThat(blocker())
                .hasValueSatisfying(
                        text ->
                                assertThat(text)
                                        .startsWith("the writer has stored nothing for 70 s"));
    }

    private Optional<String> blocker() {
        return progress.readiness().blocker().get();
    }

    /** A clock a test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

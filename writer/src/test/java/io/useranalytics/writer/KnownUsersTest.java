package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownUsersTest {
    @Test
    void forgets_the_least_recently_used_user_beyond_its_capacity() {
        KnownUsers known = new KnownUsers(2, UserIdHash.random());
        known.rememberCommitted(Map.of("a", 1L));
        known.rememberCommitted(Map.of("b", 2L));
        assertThat(known.idOf("a")).isEqualTo(1L);

        known.rememberCommitted(Map.of("c", 3L));

        assertThat(known.size()).isEqualTo(2);
        assertThat(KnownUsers.isKnown(known.idOf("b"))).isFalse();
        assertThat(known.idOf("a")).isEqualTo(1L);
        assertThat(known.idOf("c")).isEqualTo(3L);
    }

    @Test
    void keeps_a_user_used_since_the_oldest_generation_was_dropped() {
        KnownUsers known = new KnownUsers(4, UserIdHash.random());
        known.rememberCommitted(Map.of("a", 1L, "b", 2L));
        known.rememberCommitted(Map.of("c", 3L, "d", 4L));
        assertThat(known.idOf("a")).isEqualTo(1L);

        known.rememberCommitted(Map.of("e", 5L, "f", 6L));

        assertThat(known.size()).isLessThanOrEqualTo(4);
        assertThat(known.idOf("a")).isEqualTo(1L);
        assertThat(KnownUsers.isKnown(known.idOf("b"))).isFalse();
        assertThat(known.idOf("e")).isEqualTo(5L);
        assertThat(known.idOf("f")).isEqualTo(6L);
    }

    @Test
    void with_capacity_zero_remembers_nothing() {
        KnownUsers known = new KnownUsers(0, UserIdHash.random());
        known.rememberCommitted(Map.of("a", 1L));

        assertThat(KnownUsers.isKnown(known.idOf("a"))).isFalse();
        assertThat(known.size()).isZero();
    }
}

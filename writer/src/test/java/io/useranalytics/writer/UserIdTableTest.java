package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserIdTableTest {
    @Test
    void finds_every_id_it_was_given_among_many() {
        UserIdTable table = new UserIdTable(100_000, UserIdHash.random());
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.add("user-" + i, i + 1)).isTrue();
        }

        assertThat(table.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.idOf("user-" + i)).isEqualTo(i + 1);
        }
        assertThat(table.idOf("user-100000")).isEqualTo(UserIdTable.ABSENT);
    }

    @Test
    void tells_apart_ids_with_the_same_hash_code_and_prefixes_of_each_other() {
        UserIdTable table = new UserIdTable(10, UserIdHash.random());
        table.add("Aa", 1);
        table.add("BB", 2);
        table.add("Aab", 3);

        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertFinds(table, Map.of("Aa", 1L, "BB", 2L, "Aab", 3L, "A", UserIdTable.ABSENT));
    }

    @Test
    void compares_ids_beyond_ascii_by_their_characters() {
        UserIdTable table = new UserIdTable(10, UserIdHash.random());
        table.add("zoë", 1);
        table.add("用户", 2);
        table.add("\uD83D\uDE00 smile", 3);

        // "zoëx" has as many characters as "zoë" has UTF-8 bytes: lengths alone must not decide.
        assertFinds(
                table,
                Map.of(
                        "zoë", 1L,
                        "zoe", UserIdTable.ABSENT,
                        "zoëx", UserIdTable.ABSENT,
                        "用户", 2L,
                        "\uD83D\uDE00 smile", 3L));
    }

    @Test
    void refuses_new_ids_when_full_and_keeps_the_ones_it_has() {
        UserIdTable table = new UserIdTable(2, UserIdHash.random());
        table.add("a", 1);
        table.add("b", 2);

        assertThat(table.isFull()).isTrue();
        assertThat(table.add("c", 3)).isFalse();
        assertThat(table.add("a", 1)).isTrue();
        assertFinds(table, Map.of("a", 1L, "b", 2L, "c", UserIdTable.ABSENT));
    }

    private static void assertFinds(UserIdTable table, Map<String, Long> expected) {
        expected.forEach((user, id) -> assertThat(table.idOf(user)).as(user).isEqualTo(id));
    }
}

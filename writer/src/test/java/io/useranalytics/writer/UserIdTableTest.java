package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserIdTableTest {
    @Test
    void finds_every_id_it_was_given_among_many() {
        UserIdTable table = new UserIdTable(100_000);
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
        UserIdTable table = new UserIdTable(10);
        table.add("Aa", 1);
        table.add("BB", 2);
        table.add("Aab", 3);

        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(table.idOf("Aa")).isEqualTo(1);
        assertThat(table.idOf("BB")).isEqualTo(2);
        assertThat(table.idOf("Aab")).isEqualTo(3);
        assertThat(table.idOf("A")).isEqualTo(UserIdTable.ABSENT);
    }

    @Test
    void compares_ids_beyond_ascii_by_their_characters() {
        UserIdTable table = new UserIdTable(10);
        table.add("zoë", 1);
        table.add("用户", 2);
        table.add("\uD83D\uDE00 smile", 3);

        assertThat(table.idOf("zoë")).isEqualTo(1);
        assertThat(table.idOf("zoe")).isEqualTo(UserIdTable.ABSENT);
        assertThat(table.idOf("用户")).isEqualTo(2);
        assertThat(table.idOf("\uD83D\uDE00 smile")).isEqualTo(3);
        // Three characters, as many as "zoë" has bytes less one: lengths alone must not decide.
        assertThat(table.idOf("zoëx")).isEqualTo(UserIdTable.ABSENT);
    }

    @Test
    void refuses_new_ids_when_full_and_keeps_the_ones_it_has() {
        UserIdTable table = new UserIdTable(2);
        table.add("a", 1);
        table.add("b", 2);

        assertThat(table.isFull()).isTrue();
        assertThat(table.add("c", 3)).isFalse();
        assertThat(table.add("a", 1)).isTrue();
        assertThat(table.idOf("c")).isEqualTo(UserIdTable.ABSENT);
        assertThat(table.idOf("b")).isEqualTo(2);
    }
}

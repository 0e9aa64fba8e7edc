package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserIdsTest {
    @Test
    void accepts_any_printable_id_up_to_256_characters() {
        String longest = "ü".repeat(256);

        assertThat(UserIds.check(longest)).isEqualTo(longest);
        assertThat(UserIds.check("user 3")).isEqualTo("user 3");
    }

    @Test
    void rejects_empty_overlong_and_control_character_ids() {
        assertThatThrownBy(() -> UserIds.check("")).hasMessage("user is empty");
        assertThatThrownBy(() -> UserIds.check("u".repeat(257)))
                .hasMessage("user is 257 characters long; the maximum is 256");
        assertThatThrownBy(() -> UserIds.check("a\u0000b"))
                .hasMessage("user contains a control character");
    }

    @Test
    void counts_characters_as_code_points_so_256_emoji_fit() {
        String emoji = "\ud83d\ude00".repeat(256);

        assertThat(UserIds.check(emoji)).isEqualTo(emoji);
        assertThatThrownBy(() -> UserIds.check(emoji + "\ud83d\ude00"))
                .hasMessage("user is 257 characters long; the maximum is 256");
    }

    @Test
    void a_service_lower_maximum_counts_code_points_too() {
        String emoji = "\ud83d\ude00".repeat(3);

        assertThat(UserIds.requireAtMost(emoji, 3)).isEqualTo(emoji);
        assertThatThrownBy(() -> UserIds.requireAtMost("abcd", 3))
                .hasMessage("user is 4 characters long; the maximum is 3");
    }

    @Test
    void rejects_lone_surrogates_wherever_they_stand() {
        assertThatThrownBy(() -> UserIds.check("x\ud800"))
                .hasMessage(
                        "user has a lone UTF-16 surrogate \\uD800 at character 2: not Unicode text,"
                                + " so it cannot be stored as sent");
        assertThatThrownBy(() -> UserIds.check("\udc00x"))
                .hasMessageStartingWith("user has a lone UTF-16 surrogate \\uDC00 at character 1");
        assertThatThrownBy(() -> UserIds.check("a\ud83d\ud83d\ude00"))
                .hasMessageStartingWith("user has a lone UTF-16 surrogate \\uD83D at character 2");
    }
}

package io.useranalytics.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void accepts_ascii_and_every_well_formed_sequence() {
        byte[] text = "a é 中 😀 \uFFFD".getBytes(StandardCharsets.UTF_8);

        Utf8Text.requireValid("user", text);

        assertThat(Utf8Text.decode("user", text)).isEqualTo("a é 中 😀 \uFFFD");
    }

    @Test
    void refuses_bytes_that_are_no_utf_8() {
        assertThatThrownBy(() -> Utf8Text.requireValid("user", bytes('x', 0xFF, 'y')))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user is not valid UTF-8: byte 0xFF at byte 2");
    }

    @Test
    void refuses_overlong_forms_that_jackson_would_read() {
        assertThatThrownBy(() -> Utf8Text.requireValid("value", bytes('"', 0xC0, 0x80, '"')))
                .hasMessage("value is not valid UTF-8: byte 0xC0 at byte 2");
        assertThatThrownBy(() -> Utf8Text.requireValid("value", bytes(0xE0, 0x80, 0x80)))
                .hasMessageStartingWith("value is not valid UTF-8: byte 0xE0");
    }

    @Test
    void refuses_encoded_surrogates_and_code_points_past_u_10ffff() {
        assertThatThrownBy(() -> Utf8Text.requireValid("value", bytes(0xED, 0xA0, 0x80)))
                .hasMessageStartingWith("value is not valid UTF-8: bytes 0xED 0xA0 0x80 at byte 1");
        assertThatThrownBy(() -> Utf8Text.requireValid("value", bytes(0xF4, 0x90, 0x80, 0x80)))
                .hasMessageStartingWith("value is not valid UTF-8: byte 0xF4 at byte 1");
    }

    @Test
    void refuses_a_sequence_cut_short_at_the_end() {
        assertThatThrownBy(() -> Utf8Text.requireValid("value", bytes('a', 0xC3)))
                .hasMessage("value is not valid UTF-8: byte 0xC3 at byte 2");
    }

    @Test
    void checks_only_the_slice_it_is_given() {
        byte[] line = bytes(0xFF, 'o', 'k', 0xFF);

        Utf8Text.requireValid("line", line, 1, 2);

        assertThatThrownBy(() -> Utf8Text.requireValid("line", line, 1, 3))
                .hasMessage("line is not valid UTF-8: byte 0xFF at byte 3");
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

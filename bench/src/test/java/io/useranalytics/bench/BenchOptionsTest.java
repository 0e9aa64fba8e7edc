package io.useranalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {
    @Test
    void the_storage_day_takes_another_rate_and_number_of_users() {
        BenchOptions options =
                parse(
                        "--storage-only",
                        "--storage-events-per-hour",
                        "10000000",
                        "--storage-users",
                        "10000000");

        BenchSize size =
                BenchSize.full()
                        .withStorage(options.storageEventsPerHour(), options.storageUsers());

        assertThat(size.storageEventsPerHour()).isEqualTo(10_000_000);
        assertThat(size.storageUsers()).isEqualTo(10_000_000);
        assertThat(size.writerEvents()).isEqualTo(BenchSize.full().writerEvents());
    }

    @Test
    void without_them_the_storage_day_is_the_sizes_own() {
        BenchOptions options = parse("--storage-only");

        assertThat(
                        BenchSize.full()
                                .withStorage(
                                        options.storageEventsPerHour(), options.storageUsers()))
                .isEqualTo(BenchSize.full());
    }

    @Test
    void a_storage_size_without_storage_only_or_below_two_is_refused_saying_why() {
        assertThatThrownBy(() -> parse("--storage-users", "5"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--storage-users is for scenario 8 alone: add --storage-only");
        assertThatThrownBy(() -> parse("--storage-only", "--storage-events-per-hour", "0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--storage-events-per-hour must be at least 2, not 0");
    }

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(BenchOptions.commandLine(), args);
    }
}

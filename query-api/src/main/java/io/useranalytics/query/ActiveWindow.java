package io.useranalytics.query;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.util.Arrays;

/** How many days of a time zone back a point counts its active users: DAU, WAU, MAU. */
enum ActiveWindow {
    ONE_DAY("1d", 1),
    SEVEN_DAYS("7d", 7),
    TWENTY_EIGHT_DAYS("28d", 28),
    THIRTY_DAYS("30d", 30);

    private final String name;
    private final int days;

    ActiveWindow(String name, int days) {
        this.name = name;
        this.days = days;
    }

    int days() {
        return days;
    }

    @Override
    public String toString() {
        return name;
    }

    static ActiveWindow parse(String name) {
        return Arrays.stream(values())
                .filter(window -> window.name.equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new InvalidInputException(
                                        "window",
                                        "window '"
                                                + EventTimestamps.shorten(name)
                                                + "' is not 1d, 7d, 28d or 30d"));
    }
}

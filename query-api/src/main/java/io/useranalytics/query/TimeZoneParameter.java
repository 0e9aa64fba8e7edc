package io.useranalytics.query;

import static io.useranalytics.common.http.QueryParameters.singleOr;

import io.useranalytics.record.EventTimestamps;
import io.useranalytics.record.InvalidInputException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Parameter {@code tz}: an IANA time zone (e.g. {@code Europe/Berlin}); UTC when absent. */
final class TimeZoneParameter {
    private TimeZoneParameter() {}

    static ZoneId parse(Map<String, List<String>> params) {
        String name = singleOr(params, "tz", "UTC");
        try {
            ZoneId zone = ZoneId.of(name).normalized();
            return zone.equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "tz",
                    "tz '"
                            + EventTimestamps.shorten(name)
                            + "' is not a time zone: give an IANA name such as Europe/Berlin");
        }
    }
}

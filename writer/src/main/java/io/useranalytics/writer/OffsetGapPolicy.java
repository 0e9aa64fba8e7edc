package io.useranalytics.writer;

import io.useranalytics.common.config.Env;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * WRITER_OFFSET_GAP: what the writer does with a partition whose stored offset the log no longer
 * has. The operator decides; by default nothing is skipped.
 */
enum OffsetGapPolicy {
    /** The partition stays paused and readiness fails until the operator chooses to skip. */
    WAIT,
    /** The gap is accepted: logged with its size, and the partition resumes at the log start. */
    SKIP;

    static OffsetGapPolicy from(Env env) {
        String value =
                env.matching(
                        "WRITER_OFFSET_GAP", "wait", Pattern.compile("wait|skip"), "wait or skip");
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

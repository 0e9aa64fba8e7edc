package io.useranalytics.store;

import io.useranalytics.common.config.Env;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DATABASE_STORAGE_MODE: how events are to be stored. {@code auto} takes TimescaleDB where the
 * server can really use it and a plain table where it does not offer it.
 */
public enum StorageChoice {
    AUTO,
    PLAIN,
    TIMESCALE;

    static StorageChoice from(Env env) {
        String value =
                env.matching(
                        "DATABASE_STORAGE_MODE",
                        "auto",
                        Pattern.compile("auto|plain|timescale"),
                        "auto, plain or timescale");
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

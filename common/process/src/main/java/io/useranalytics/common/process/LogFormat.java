package io.useranalytics.common.process;

import io.useranalytics.common.config.Env;
import java.util.regex.Pattern;

/** LOG_FORMAT, read by logback.xml: {@code text} (default) or {@code json}, one object per line. */
final class LogFormat {
    private LogFormat() {}

    static void check(Env env) {
        env.matching("LOG_FORMAT", "text", Pattern.compile("text|json"), "text or json");
        env.requireValid();
    }
}

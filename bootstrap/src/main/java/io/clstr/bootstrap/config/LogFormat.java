package io.clstr.bootstrap.config;

import java.util.Locale;

/** How log lines are written to standard error. */
public enum LogFormat {
    /** One line of text per event, for people. */
    TEXT,
    /** One JSON object per line, for log collectors. */
    JSON;

    /** The name used in settings: {@code text} or {@code json}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

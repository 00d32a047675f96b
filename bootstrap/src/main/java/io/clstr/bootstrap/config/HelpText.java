package io.clstr.bootstrap.config;

import java.util.Map;

/** What {@code --help} prints: the commands and every {@link Setting} with its variable, flag and default. */
public final class HelpText {

    private HelpText() {
    }

    /** @param commands the word and one-line summary of each command the contexts bring, in order */
    public static String render(Map<String, String> commands) {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar clstr.jar [serve] [flags]     start one node (the default command)\n");
        commands.forEach((word, summary) -> text.append("       ")
                .append(pad("java -jar clstr.jar " + word + " ...", 40)).append(summary).append('\n'));
        text.append("       java -jar clstr.jar --version           print the version and exit\n")
                .append('\n')
                .append("Each setting comes from its environment variable; a flag overrides it.\n")
                .append("Flags: --name=value or --name value (a true/false flag alone means true).\n")
                .append("Durations: 500ms, 5s, 2m, 1h. Unknown CLSTR_* variables and flags are errors.\n")
                .append('\n')
                .append("Settings:\n");
        int width = 0;
        for (Setting setting : Setting.values()) {
            width = Math.max(width, setting.flag().length());
        }
        for (Setting setting : Setting.values()) {
            text.append("  ").append(pad(setting.flag(), width)).append("  ")
                    .append(pad(setting.variable(), width + 4)).append("  default: ").append(setting.defaultValue())
                    .append('\n')
                    .append("      ").append(setting.description()).append('\n');
        }
        return text.append('\n')
                .append("Exit codes: 0 stopped normally (or after --help, --version), 1 could not start,\n")
                .append("            2 bad command line or settings.\n")
                .append("Details: docs/guides/configuration.md\n")
                .toString();
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }
}

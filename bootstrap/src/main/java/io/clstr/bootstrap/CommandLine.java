package io.clstr.bootstrap;

import io.clstr.bootstrap.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The command word and what follows it: {@code [serve] [flags]} (the default) or {@code loadtest ...}.
 *
 * @param help {@code --help} or {@code -h} was given to {@code serve}
 * @param version {@code --version} was given to {@code serve}
 */
record CommandLine(Command command, List<String> arguments, boolean help, boolean version) {

    enum Command {
        SERVE,
        // region sample: the load test drives the counter sample; tools/MakeItYours.java --without-samples deletes it.
        LOADTEST,
        // endregion sample
    }

    CommandLine {
        arguments = List.copyOf(arguments);
    }

    /** @throws ConfigException for an unknown command word */
    static CommandLine parse(String... args) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty() || all.get(0).startsWith("-")) {
            return serve(all);
        }
        List<String> rest = all.subList(1, all.size());
        switch (all.get(0)) {
            case "serve":
                return serve(rest);
            // region sample
            case "loadtest":
                return new CommandLine(Command.LOADTEST, rest, false, false);
            // endregion sample
            default:
                throw new ConfigException("unknown command '" + all.get(0) + "' (commands: " + commandWords()
                        + "; --help lists the settings)");
        }
    }

    private static String commandWords() {
        return Arrays.stream(Command.values()).map(command -> command.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static CommandLine serve(List<String> arguments) {
        boolean help = arguments.contains("--help") || arguments.contains("-h");
        return new CommandLine(Command.SERVE, arguments, help, arguments.contains("--version"));
    }
}

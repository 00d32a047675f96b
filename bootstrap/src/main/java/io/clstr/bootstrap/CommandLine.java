package io.clstr.bootstrap;

import io.clstr.bootstrap.config.ConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * The command word and what follows it: {@code [serve] [flags]} (the default) or {@code loadtest ...}.
 *
 * @param help {@code --help} or {@code -h} was given to {@code serve}
 */
record CommandLine(Command command, List<String> arguments, boolean help) {

    enum Command { SERVE, LOADTEST }

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
            case "loadtest":
                return new CommandLine(Command.LOADTEST, rest, false);
            default:
                throw new ConfigException("unknown command '" + all.get(0) + "' (commands: serve, loadtest; --help"
                        + " lists the settings)");
        }
    }

    private static CommandLine serve(List<String> arguments) {
        boolean help = arguments.contains("--help") || arguments.contains("-h");
        return new CommandLine(Command.SERVE, arguments, help);
    }
}

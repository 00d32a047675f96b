package io.clstr.bootstrap;

import io.clstr.bootstrap.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command word and what follows it: {@code [serve] [flags]} (the default) or a command one of the contexts
 * brings ({@link JarCommand}).
 *
 * @param command the context's command; empty for {@code serve}
 * @param help {@code --help} or {@code -h} was given to {@code serve}
 * @param version {@code --version} was given to {@code serve}
 */
record CommandLine(Optional<JarCommand> command, List<String> arguments, boolean help, boolean version) {

    private static final String SERVE = "serve";

    CommandLine {
        arguments = List.copyOf(arguments);
    }

    /** @throws ConfigException for a command word that is neither {@code serve} nor one of {@code commands} */
    static CommandLine parse(List<JarCommand> commands, String... args) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty() || all.get(0).startsWith("-")) {
            return serve(all);
        }
        List<String> rest = all.subList(1, all.size());
        if (all.get(0).equals(SERVE)) {
            return serve(rest);
        }
        return commands.stream().filter(command -> command.word().equals(all.get(0))).findFirst()
                .map(command -> new CommandLine(Optional.of(command), rest, false, false))
                .orElseThrow(() -> new ConfigException("unknown command '" + all.get(0) + "' (commands: "
                        + Stream.concat(Stream.of(SERVE), commands.stream().map(JarCommand::word))
                                .collect(Collectors.joining(", "))
                        + "; --help lists the settings)"));
    }

    private static CommandLine serve(List<String> arguments) {
        boolean help = arguments.contains("--help") || arguments.contains("-h");
        return new CommandLine(Optional.empty(), arguments, help, arguments.contains("--version"));
    }
}

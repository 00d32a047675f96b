package io.clstr.bootstrap;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of {@code java -jar clstr.jar} besides serving, brought by the context it belongs to (the counter
 * sample brings its load test), so removing the context removes the command.
 */
public interface JarCommand {

    /** The word that selects the command: {@code java -jar clstr.jar <word> ...}. */
    String word();

    /** One line for {@code --help}. */
    String summary();

    /**
     * Runs the command to its end.
     *
     * @return the process's exit code
     * @throws io.clstr.bootstrap.config.ConfigException for arguments it does not accept
     */
    int run(List<String> arguments, PrintStream out);
}

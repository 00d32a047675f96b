package io.clstr.architecture;

import java.util.stream.Stream;

/**
 * The package patterns of the rules, below one root: {@link #PRODUCTION} for clstr's own code, {@link #FIXTURES} for
 * the rule fixtures, which imitate the same layers so that {@code RulesCanFailTest} runs the very same rules.
 */
record ClstrPackages(String root) {

    static final String ROOT = "io.clstr";
    static final ClstrPackages PRODUCTION = new ClstrPackages(ROOT);
    static final ClstrPackages FIXTURES = new ClstrPackages(ROOT + ".archfixtures");

    String domain() {
        return below("domain");
    }

    String kernel() {
        return below("domain.kernel");
    }

    String ports() {
        return below("ports");
    }

    String portsIn() {
        return below("ports.in");
    }

    String portsOut() {
        return below("ports.out");
    }

    String application() {
        return below("application");
    }

    /** The generic runtime, module {@code application/runtime}; every other package below application is a context. */
    String[] runtime() {
        return Stream.of("application.actor", "application.cluster", "application.context", "application.eventsourcing")
                .map(this::below).toArray(String[]::new);
    }

    String adapters() {
        return below("adapters");
    }

    /** One adapter module, such as {@code nats}. */
    String adapter(String name) {
        return below("adapters." + name);
    }

    String bootstrap() {
        return below("bootstrap");
    }

    /** The samples: adopters delete these packages. */
    String[] samples() {
        return Stream.of("domain.order", "domain.counter", "ports.in.order", "ports.in.counter", "application.order",
                "application.counter", "adapters.javalin.order", "adapters.javalin.counter")
                .map(this::below).toArray(String[]::new);
    }

    /** The pattern of {@code path} and everything below it, under the root. */
    private String below(String path) {
        return root + "." + path + "..";
    }
}

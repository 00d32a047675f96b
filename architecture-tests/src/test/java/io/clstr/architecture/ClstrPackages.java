package io.clstr.architecture;

/**
 * The package patterns of the rules, below one root: {@link #PRODUCTION} for clstr's own code, {@link #FIXTURES} for
 * the rule fixtures, which imitate the same layers so that {@code RulesCanFailTest} runs the very same rules.
 */
record ClstrPackages(String root) {

    static final String ROOT = "io.clstr";
    static final ClstrPackages PRODUCTION = new ClstrPackages(ROOT);
    static final ClstrPackages FIXTURES = new ClstrPackages(ROOT + ".archfixtures");

    String domain() {
        return root + ".domain..";
    }

    String kernel() {
        return root + ".domain.kernel..";
    }

    String ports() {
        return root + ".ports..";
    }

    String portsIn() {
        return root + ".ports.in..";
    }

    String portsOut() {
        return root + ".ports.out..";
    }

    String application() {
        return root + ".application..";
    }

    String adapters() {
        return root + ".adapters..";
    }

    /** One adapter module, such as {@code nats}. */
    String adapter(String name) {
        return root + ".adapters." + name + "..";
    }

    String bootstrap() {
        return root + ".bootstrap..";
    }

    /** The samples: adopters delete these packages. */
    String[] samples() {
        return new String[] {
            root + ".domain.order..", root + ".domain.counter..", root + ".ports.in.order..",
            root + ".ports.in.counter..", root + ".application.order..", root + ".application.counter..",
            root + ".adapters.javalin.order..", root + ".adapters.javalin.counter.."
        };
    }
}

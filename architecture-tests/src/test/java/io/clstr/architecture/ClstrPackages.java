package io.clstr.architecture;

/** Package patterns shared by every rule. */
final class ClstrPackages {

    static final String ROOT = "io.clstr";
    static final String DOMAIN = "io.clstr.domain..";
    static final String KERNEL = "io.clstr.domain.kernel..";
    static final String PORTS = "io.clstr.ports..";
    static final String PORTS_IN = "io.clstr.ports.in..";
    static final String PORTS_OUT = "io.clstr.ports.out..";
    static final String APPLICATION = "io.clstr.application..";
    static final String ADAPTERS = "io.clstr.adapters..";
    static final String BOOTSTRAP = "io.clstr.bootstrap..";

    /** The generic runtime: what adopters keep when they delete the samples. */
    static final String[] RUNTIME = {
        KERNEL, PORTS_OUT, "io.clstr.application.actor..", "io.clstr.application.cluster..",
        "io.clstr.application.context..", "io.clstr.application.eventsourcing.."
    };

    /** The samples: adopters delete these packages. */
    static final String[] SAMPLES = {
        "io.clstr.domain.order..", "io.clstr.domain.counter..", "io.clstr.ports.in.order..",
        "io.clstr.ports.in.counter..", "io.clstr.application.order..", "io.clstr.application.counter..",
        "io.clstr.adapters.javalin.order..", "io.clstr.adapters.javalin.counter.."
    };

    private ClstrPackages() {
    }
}

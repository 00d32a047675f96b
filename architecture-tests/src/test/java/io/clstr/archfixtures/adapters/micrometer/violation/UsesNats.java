package io.clstr.archfixtures.adapters.micrometer.violation;

/** Deliberate violation: NATS and Javalin and Jetty outside their adapters. */
public final class UsesNats {
    public io.nats.client.Connection connection;
    public io.javalin.Javalin javalin;
    public org.eclipse.jetty.server.Server jetty;
}

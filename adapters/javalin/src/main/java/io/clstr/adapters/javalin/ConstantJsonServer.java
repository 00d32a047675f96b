package io.clstr.adapters.javalin;

import io.javalin.Javalin;
import java.net.URI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The floor of an HTTP request on this stack: a bare Javalin route that answers every {@code POST} to one path
 * with the same JSON document, and does nothing else (no request ids, no access log, no metrics). Load tests
 * drive it with the same client as the real API, to show how much of a request's cost is the HTTP layer's.
 */
public final class ConstantJsonServer implements AutoCloseable {

    private static final String CONNECTOR = "constant";

    private final Javalin javalin;

    private ConstantJsonServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts serving on a free port of {@code address}.
     *
     * @param path a Javalin path, such as {@code /counters/{id}/increment}
     */
    public static ConstantJsonServer start(String address, String path, String json) {
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setName(CONNECTOR);
                connector.setHost(address);
                connector.setPort(0);
                return connector;
            });
            config.routes.post(path, ctx -> ctx.status(200).contentType("application/json").result(json));
        });
        javalin.start();
        return new ConstantJsonServer(javalin);
    }

    /** Where it answers: {@code http://address:port}. */
    public URI url() {
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server && CONNECTOR.equals(server.getName())) {
                return URI.create("http://" + server.getHost() + ":" + server.getLocalPort());
            }
        }
        throw new IllegalStateException("no " + CONNECTOR + " connector");
    }

    @Override
    public void close() {
        javalin.stop();
    }
}

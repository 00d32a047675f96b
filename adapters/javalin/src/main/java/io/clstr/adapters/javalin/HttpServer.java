package io.clstr.adapters.javalin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clstr.adapters.javalin.internal.HttpJson;
import io.clstr.adapters.javalin.internal.LogContext;
import io.clstr.adapters.javalin.internal.OperationsRoutes;
import io.clstr.adapters.javalin.internal.ProblemErrorHandler;
import io.clstr.adapters.javalin.internal.ProblemHandlers;
import io.clstr.adapters.javalin.internal.RequestIds;
import io.clstr.adapters.javalin.internal.RouteSupport;
import io.clstr.ports.in.UseCases;
import io.clstr.ports.out.metrics.HttpMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.util.JavalinException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of a node: orders, counters, health and the cluster view, served by Javalin on Jetty.
 * Handlers never hold a server thread while a use case runs. Every error is an RFC 9457 problem document.
 *
 * <p>With a management listener ({@link HttpSettings#management()}) the operations endpoints ({@code /cluster}
 * and the extra routes such as {@code /metrics}) answer only there, and the API only on the API port; health
 * answers on both. One Jetty server serves both listeners: a request's local port decides what it may reach.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} or {@link #close()}, which stop accepting
 * requests and let the ones in flight finish.
 */
public final class HttpServer implements AutoCloseable {

    /** Label of requests that matched no route: raw paths would give metrics unbounded cardinality. */
    public static final String UNMATCHED_ROUTE = "unmatched";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** In-flight requests end within the request timeout; this much more lets their responses go out. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);
    private static final Duration IDLE_CONNECTION_GRACE = Duration.ofMillis(100);
    private static final String API_CONNECTOR = "api";
    private static final String MANAGEMENT_CONNECTOR = "management";
    /** Answered on every listener: load balancers probe the API port, orchestrators the management port. */
    private static final Set<String> HEALTH_PATHS = Set.of(OperationsRoutes.LIVE, OperationsRoutes.READY);
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final HttpSettings settings;
    private final HttpMetrics metrics;
    private final List<Route> routes = new ArrayList<>();
    private final Javalin javalin;
    /** The operations paths that move to the management listener when there is one. */
    private final Set<String> operationsPaths = new HashSet<>();
    private volatile int managementPort = -1;
    /** Set while the server is built, from the parts of its route groups. */
    private volatile byte[] apiDocument;
    private boolean started;
    private boolean stopped;

    public HttpServer(HttpSettings settings, UseCases useCases, List<RouteGroup> routeGroups) {
        this(settings, useCases, routeGroups, HttpMetrics.NOOP, List.of());
    }

    /**
     * @param extraRoutes plain text operations routes, such as {@code GET /metrics}: served on the management
     *     listener when there is one, else beside the API
     */
    public HttpServer(HttpSettings settings, UseCases useCases, List<RouteGroup> routeGroups, HttpMetrics metrics,
            List<PlainRoute> extraRoutes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(useCases, "useCases");
        List<RouteGroup> groups = List.copyOf(routeGroups);
        List<PlainRoute> plainRoutes = List.copyOf(extraRoutes);
        operationsPaths.add(OperationsRoutes.CLUSTER);
        plainRoutes.forEach(plain -> operationsPaths.add(plain.path()));
        ObjectMapper mapper = HttpJson.newObjectMapper();
        RouteSupport support = RouteSupport.create(mapper, settings.maxBodyBytes(), settings.requestTimeout(),
                settings.problemTypeBase(), this::onServerThread);
        ProblemHandlers problems = new ProblemHandlers(support.responses());
        this.javalin = Javalin.create(config -> {
            configureServer(config, mapper, support, problems);
            // Recorded as Javalin registers them, so the list is what the server answers, not what we meant.
            config.events.handlerAdded(added -> {
                if (added.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(added.getHttpMethod().name(), added.getPath()));
                }
            });
            problems.register(config.routes);
            settings.management().ifPresent(management -> config.routes.before(this::onlyWhatThisListenerServes));
            config.routes.beforeMatched(LogContext::entity);
            List<String> apiParts = new ArrayList<>();
            for (RouteGroup group : groups) {
                RouteGroup.Routes bound = group.bind(useCases, support);
                bound.register(config.routes);
                String part = ApiDocument.partOf(bound);
                if (ApiDocument.exists(part) && !apiParts.contains(part)) {
                    apiParts.add(part);
                }
            }
            apiDocument = ApiDocument.of(apiParts);
            new OperationsRoutes(useCases, support.responses(), apiDocument).register(config.routes);
            for (PlainRoute plain : plainRoutes) {
                config.routes.get(plain.path(), ctx -> ctx.status(200).contentType(plain.contentType())
                        .result(plain.body().get()));
            }
        });
    }

    /** Runs {@code task} on Jetty's thread pool, or here once the pool takes no more (the server is stopping). */
    private void onServerThread(Runnable task) {
        try {
            javalin.jettyServer().server().getThreadPool().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void configureServer(JavalinConfig config, ObjectMapper mapper, RouteSupport support,
            ProblemHandlers problems) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        // The routes write their documents themselves; Javalin's own JSON (ctx.json, plugins) uses the same mapper.
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.jetty.addConnector((server, http) -> connector(server, http, API_CONNECTOR, settings.address(),
                settings.port()));
        settings.management().ifPresent(management -> config.jetty.addConnector((server, http) -> connector(server,
                http, MANAGEMENT_CONNECTOR, management.address(), management.port())));
        // A backstop only: each use-case call already ends within the request timeout.
        config.http.asyncTimeout = settings.requestTimeout().multipliedBy(2).plus(DRAIN_MARGIN).toMillis();
        config.router.javaLangErrorHandler(problems::writeError);
        config.jetty.modifyServer(server -> {
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new RequestIds());
            server.setErrorHandler(new ProblemErrorHandler(support.responses()));
        });
        config.requestLogger.http((ctx, millis) -> {
            metrics.request(ctx.method().name(), routeOf(ctx), ctx.statusCode(), (long) (millis * 1_000_000.0));
            AccessLog.record(ctx, millis);
        });
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, String name, String address,
            int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName(name);
        connector.setHost(address);
        connector.setPort(port);
        return connector;
    }

    /** With a management listener: operations there, the API on the API port, health on both; else 404. */
    private void onlyWhatThisListenerServes(Context ctx) {
        // As the router matches it: repeated and trailing slashes do not count.
        String path = REPEATED_SLASHES.matcher(ctx.path()).replaceAll("/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (HEALTH_PATHS.contains(path)) {
            return;
        }
        boolean management = ctx.req().getLocalPort() == managementPort;
        if (management != operationsPaths.contains(path)) {
            throw new NotFoundResponse();
        }
    }

    private static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null || endpoint.path.isEmpty() ? UNMATCHED_ROUTE : endpoint.path;
    }

    /** Binds the port and starts serving. */
    public synchronized HttpServer start() {
        if (started) {
            throw new IllegalStateException("the HTTP server was already started");
        }
        started = true;
        javalin.start();
        if (settings.management().isPresent()) {
            managementPort = localPort(MANAGEMENT_CONNECTOR);
            LOG.info("HTTP API listening on port {}, operations on port {}", port(), managementPort);
        } else {
            LOG.info("HTTP API listening on port {}", port());
        }
        return this;
    }

    /** The bound port of the API: the actual one when the settings asked for any free port (0). */
    public synchronized int port() {
        requireStarted();
        return localPort(API_CONNECTOR);
    }

    /** The bound port of the operations endpoints: the management port if there is one, else the API's. */
    public synchronized int managementPort() {
        requireStarted();
        return settings.management().isPresent() ? localPort(MANAGEMENT_CONNECTOR) : port();
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("the HTTP server is not started");
        }
    }

    private int localPort(String connectorName) {
        for (Connector connector : javalin.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server && connectorName.equals(server.getName())) {
                return server.getLocalPort();
            }
        }
        throw new IllegalStateException("no " + connectorName + " connector");
    }

    /** The OpenAPI document the server answers {@code GET /openapi.yaml} with ({@link ApiDocument}). */
    public byte[] apiDocument() {
        return apiDocument.clone();
    }

    /** Every route the server answers, as registered: the API and the extra routes. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Stops accepting connections, waits up to {@code drainTimeout} for requests in flight to be answered,
     * then closes the rest. Calling it again does nothing.
     */
    public synchronized void stop(Duration drainTimeout) {
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (!started || stopped) {
            return;
        }
        stopped = true;
        Server jetty = javalin.jettyServer().server();
        jetty.setStopTimeout(Math.max(1, drainTimeout.toMillis()));
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof AbstractConnector network) {
                // Idle keep-alive connections would otherwise hold the drain open for Jetty's default second.
                network.setShutdownIdleTimeout(IDLE_CONNECTION_GRACE.toMillis());
            }
        }
        try {
            javalin.stop();
            LOG.info("HTTP API stopped");
        } catch (JavalinException e) {
            LOG.warn("HTTP API stopped after {} with requests still in flight; they were answered 503", drainTimeout);
        }
    }

    /** {@link #stop(Duration)}, waiting as long as one use-case call may take. */
    @Override
    public void close() {
        stop(settings.requestTimeout().plus(DRAIN_MARGIN));
    }
}

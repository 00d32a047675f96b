package io.clstr.adapters.javalin.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page, for requests Jetty refuses before they reach the routes (an unparseable request line,
 * headers too large, a request arriving while the server drains, one cut off when draining ends): a problem
 * document instead of HTML that names the server.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private final Responses responses;

    public ProblemErrorHandler(Responses responses) {
        this.responses = responses;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException failure) {
            status = failure.getCode();
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR_500 && stopping(request)) {
            // Cut off by a shutdown that outlasted its drain timeout: another node can answer a retry.
            status = HttpStatus.SERVICE_UNAVAILABLE_503;
        }
        response.setStatus(status);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        Problem problem = Problem.forStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.PROBLEM_JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Responses.RETRY_AFTER_SECONDS);
        }
        response.write(true, ByteBuffer.wrap(responses.problemBytes(problem, instance(request, status))), callback);
        return true;
    }

    /** The request path, unless the request could not be read or its size is the problem (no echo of either). */
    private static String instance(Request request, int status) {
        HttpURI uri = request.getHttpURI();
        if (uri == null || status == HttpStatus.BAD_REQUEST_400 || status == HttpStatus.URI_TOO_LONG_414
                || status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
            return null;
        }
        return uri.getPath();
    }

    private static boolean stopping(Request request) {
        return request.getConnectionMetaData().getConnector().getServer().isStopping();
    }
}

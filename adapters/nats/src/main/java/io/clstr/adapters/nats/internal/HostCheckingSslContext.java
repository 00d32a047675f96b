package io.clstr.adapters.nats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose client sockets and engines check that the server's certificate names the host
 * they connect to (endpoint identification {@code HTTPS}, RFC 2818 and RFC 6125), besides checking its chain.
 * jnats hands the URL's host to the socket factory but asks for no identification, so without this any
 * certificate a trusted CA issued, for any host, would be accepted.
 */
public final class HostCheckingSslContext extends SSLContext {

    /** The endpoint identification algorithm that checks host names against certificates. */
    static final String HTTPS = "HTTPS";

    private HostCheckingSslContext(SSLContext context) {
        super(new Spi(context), context.getProvider(), context.getProtocol());
    }

    /** {@code context}, initialised, with host names checked. */
    public static SSLContext around(SSLContext context) {
        return new HostCheckingSslContext(context);
    }

    private static <T extends SSLSocket> T checked(T socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(HTTPS);
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static SSLEngine checked(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(HTTPS);
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static final class Spi extends SSLContextSpi {

        private final SSLContext context;

        Spi(SSLContext context) {
            this.context = context;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new CheckingSocketFactory(context.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return checked(context.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return checked(context.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(HTTPS);
            return parameters;
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }

    private static final class CheckingSocketFactory extends SSLSocketFactory {

        private final SSLSocketFactory factory;

        CheckingSocketFactory(SSLSocketFactory factory) {
            this.factory = factory;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return factory.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return factory.getSupportedCipherSuites();
        }

        /** What jnats calls: the plain socket it connected, upgraded, with the URL's host to check. */
        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return checked((SSLSocket) factory.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return factory.createSocket(socket, consumed, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException {
            return checked((SSLSocket) factory.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return checked((SSLSocket) factory.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
            return checked((SSLSocket) factory.createSocket(host, port, localAddress, localPort));
        }

        @Override
        public Socket createSocket(InetAddress address, int port) throws IOException {
            return checked((SSLSocket) factory.createSocket(address, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return checked((SSLSocket) factory.createSocket(address, port, localAddress, localPort));
        }
    }
}

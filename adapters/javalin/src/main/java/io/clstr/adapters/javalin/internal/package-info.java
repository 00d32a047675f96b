/**
 * How the HTTP adapter works inside: route handlers, request and response documents, the JSON mapping and
 * the translation of outcomes and failures into RFC 9457 problems. Only {@code io.clstr.adapters.javalin} uses it.
 */
package io.clstr.adapters.javalin.internal;

/**
 * The event-sourcing kernel: aggregates as deciders ({@code initialState}, {@code decide},
 * {@code evolve}), decisions and rejections. It knows nothing about any particular aggregate.
 */
package io.clstr.domain.kernel;

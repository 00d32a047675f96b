/**
 * The counter sample: the smallest useful aggregate, a named number that only grows. The load test
 * uses it to prove exactly-once delivery (the sum of counters equals the acknowledged increments).
 * Adopters may delete this package.
 */
package io.clstr.domain.counter;

/**
 * The order sample: a customer's order from placement through confirmation to shipping or
 * cancellation, with its lines, prices and the rules that guard them. Adopters may delete this package.
 */
package io.clstr.domain.order;

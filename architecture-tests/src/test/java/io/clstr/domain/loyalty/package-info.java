/**
 * The loyalty account: the worked example of {@code docs/guides/add-an-aggregate.md}, compiled and tested here so
 * the guide cannot drift from working code. A customer's account is opened once; points are then earned and
 * redeemed, and the balance never goes below zero.
 */
package io.clstr.domain.loyalty;

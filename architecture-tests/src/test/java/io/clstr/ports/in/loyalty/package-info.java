/** Driving ports of the loyalty account, the worked example of {@code docs/guides/add-an-aggregate.md}. */
package io.clstr.ports.in.loyalty;

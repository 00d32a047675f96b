/** Driving ports of the counter sample. */
package io.clstr.ports.in.counter;

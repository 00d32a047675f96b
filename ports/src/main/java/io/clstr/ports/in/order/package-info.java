/** Driving ports of the order sample: place, change, confirm, cancel, ship, read and list orders. */
package io.clstr.ports.in.order;

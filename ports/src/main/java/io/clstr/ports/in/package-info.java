/** Driving ports: one subpackage per bounded context, shared request types in {@code request}. */
package io.clstr.ports.in;

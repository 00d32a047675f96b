/** Driving ports for operators: cluster view and health. */
package io.clstr.ports.in.operations;

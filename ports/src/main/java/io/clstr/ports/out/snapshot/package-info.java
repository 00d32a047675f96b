/** The snapshot store port. */
package io.clstr.ports.out.snapshot;

/** The codec port: values to bytes by explicit, versioned stored names, with upcasting on read. */
package io.clstr.ports.out.codec;

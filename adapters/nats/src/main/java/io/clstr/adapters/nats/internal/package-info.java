/** How the NATS adapters work: message layouts, encodings, reads and feeds. Not an API. */
package io.clstr.adapters.nats.internal;

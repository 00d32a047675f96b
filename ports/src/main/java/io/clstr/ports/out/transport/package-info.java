/** The message transport port: request/reply with typed failures, one-way messages, queue groups. */
package io.clstr.ports.out.transport;

/** How a bounded context plugs into a node: its types, aggregates, read models and use cases, in one place. */
package io.clstr.application.context;

/** Implementation details of the Jackson codec; not an API. */
package io.clstr.adapters.jackson.internal;

/** Types every driving port shares: the request context, command outcomes, paging, typed failures. */
package io.clstr.ports.in.request;

/**
 * A webhook adapter of the notification port, the worked example of {@code docs/guides/add-a-port-and-adapter.md}.
 * It uses the JDK's HTTP client only.
 */
package io.clstr.archfixtures.adapters.webhook;

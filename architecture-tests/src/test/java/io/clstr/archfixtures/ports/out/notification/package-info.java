/**
 * A driven port for notifications: the worked example of {@code docs/guides/add-a-port-and-adapter.md}, compiled
 * and tested here so the guide cannot drift from working code.
 */
package io.clstr.archfixtures.ports.out.notification;

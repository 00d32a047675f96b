/** The key-value store port: revisions, compare-and-set, create-if-absent, prefix listing and watches. */
package io.clstr.ports.out.keyvalue;

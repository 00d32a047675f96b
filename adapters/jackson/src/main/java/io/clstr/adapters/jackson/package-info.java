/**
 * The codec port over JSON with Jackson: {@link io.clstr.adapters.jackson.JacksonCodec} and the storage
 * mapper configuration, {@link io.clstr.adapters.jackson.JsonMappers}.
 */
package io.clstr.adapters.jackson;

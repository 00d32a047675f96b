package io.clstr.adapters.jackson.violation;

import io.clstr.ports.out.codec.Codec;

/** Deliberate violation: a Jackson adapter not named Jackson.... */
public abstract class JsonCodec implements Codec {
}

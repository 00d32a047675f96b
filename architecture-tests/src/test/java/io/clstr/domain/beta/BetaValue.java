package io.clstr.domain.beta;

/** Deliberate violation: the other half of the cycle. */
public record BetaValue(io.clstr.domain.alpha.AlphaValue other) {
}

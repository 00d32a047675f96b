package io.clstr.archfixtures.domain.beta;

/** Deliberate violation: the other half of the cycle. */
public record BetaValue(io.clstr.archfixtures.domain.alpha.AlphaValue other) {
}

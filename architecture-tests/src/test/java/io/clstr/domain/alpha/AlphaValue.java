package io.clstr.domain.alpha;

/** Deliberate violation: half of a cycle between two domain packages. */
public record AlphaValue(io.clstr.domain.beta.BetaValue other) {
}

package io.clstr.archfixtures.domain.alpha;

/** Deliberate violation: half of a cycle between two domain packages. */
public record AlphaValue(io.clstr.archfixtures.domain.beta.BetaValue other) {
}

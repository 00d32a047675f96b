/**
 * Rule fixtures: classes that exist only so that {@code RulesCanFailTest} can show each architecture rule reporting
 * a violation. Below this root they imitate the layers of {@code io.clstr} ({@code archfixtures.domain} stands for
 * {@code domain}, and so on), and the rules run over them through {@code ClstrPackages.FIXTURES}; keeping them here
 * keeps test-only classes out of the packages production code uses.
 */
package io.clstr.archfixtures;

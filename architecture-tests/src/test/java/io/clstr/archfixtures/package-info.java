/**
 * Test-only classes that imitate production packages: the rule fixtures, which exist only so that
 * {@code RulesCanFailTest} can show each architecture rule reporting a violation, and the worked example of
 * {@code docs/guides/add-a-port-and-adapter.md}. Below this root they imitate the layers of {@code io.clstr}
 * ({@code archfixtures.domain} stands for {@code domain}, and so on), and the rules run over them through
 * {@code ClstrPackages.FIXTURES}; keeping them here keeps them out of the packages production code uses.
 */
package io.clstr.archfixtures;

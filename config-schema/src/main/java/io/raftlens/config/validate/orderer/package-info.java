/**
 * The orderer.yaml rules ({@code ORD…} codes, each documented in docs/rules.md), registered in
 * {@link io.raftlens.config.validate.orderer.OrdererRules}: what makes Fabric 3's orderer refuse to start or
 * misbehave (bootstrap method, TLS files, cluster listener, ports, removed and unknown keys, value types).
 *
 * <p>May depend on: {@code validate} (the rule framework), {@code model.orderer}, {@code schema}, {@code value},
 * {@code fabric}, {@code files}, {@code yaml}.
 */
package io.raftlens.config.validate.orderer;

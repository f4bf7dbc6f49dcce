/**
 * Fabric's policy evaluation ({@code common/policies}, {@code common/cauthdsl}): signature policies (n-out-of over
 * MSP principals, each signature used once), ImplicitMeta policies (ANY/ALL/MAJORITY of a sub-policy in the child
 * groups) and the policy manager over a channel config's group tree, with absolute paths such as
 * {@code /Channel/Orderer/Writers}. Signature sets are first reduced to valid, de-duplicated identities as
 * Fabric's {@code SignatureSetToValidIdentities} does. Depends on {@code fabric.msp} and fabric-protos.
 */
package io.raftlens.raft.fabric.policy;

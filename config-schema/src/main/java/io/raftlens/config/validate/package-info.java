/**
 * Validation: {@link io.raftlens.config.validate.ConfigValidator} is the facade; rules implement
 * {@link io.raftlens.config.validate.Rule} and are registered per file kind in
 * {@link io.raftlens.config.validate.RuleCatalog}; {@link io.raftlens.config.validate.FileKinds} tells
 * configtx.yaml from orderer.yaml.
 */
package io.raftlens.config.validate;

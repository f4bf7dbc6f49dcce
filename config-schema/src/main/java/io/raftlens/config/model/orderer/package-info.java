/**
 * The typed model of an orderer.yaml ({@link io.raftlens.config.model.orderer.OrdererYaml}): one record per section
 * Fabric's {@code localconfig.TopLevel} has (General, Cluster, Consensus, FileLedger, Operations, Admin …), with
 * Fabric's defaults; {@link io.raftlens.config.model.orderer.Section} reads a rejected value as unset, as viper does.
 *
 * <p>May depend on: {@code value}, {@code fabric}, {@code files}, {@code yaml}.
 */
package io.raftlens.config.model.orderer;

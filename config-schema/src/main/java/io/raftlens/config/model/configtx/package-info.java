/**
 * configtx.yaml: {@link io.raftlens.config.model.configtx.ConfigtxLoader} builds a
 * {@link io.raftlens.config.model.configtx.Configtx}; {@code configtx.profile(name)} gives the effective
 * profile (merge keys applied, configtxgen's defaults filled in) with its orderer, etcdraft consenters and
 * options. {@link io.raftlens.config.model.configtx.ConfigtxSchema} lists the keys Fabric accepts
 * ({@code ConfigtxKeys}, generated at build time from {@code configtx.schema.json}).
 */
package io.raftlens.config.model.configtx;

/** configtx.yaml rules: RAFT### (etcdraft and consenters) and CTX### (the rest of the channel configuration). */
package io.raftlens.config.validate.configtx;

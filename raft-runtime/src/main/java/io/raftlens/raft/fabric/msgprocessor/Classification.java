package io.raftlens.raft.fabric.msgprocessor;

/** Fabric's msgprocessor.Classification of a channel header type. */
public enum Classification {
    NORMAL, CONFIG_UPDATE, CONFIG, UNSUPPORTED
}

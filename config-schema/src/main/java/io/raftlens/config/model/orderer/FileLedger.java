package io.raftlens.config.model.orderer;

import java.nio.file.Path;

/** {@code FileLedger}: where the blocks are stored. */
public final class FileLedger extends Section {

    public static final Path DEFAULT_LOCATION = Path.of("/var/hyperledger/production/orderer");

    FileLedger(OrdererYaml file) {
        super(file.child("FileLedger"), "FileLedger", file.folder());
    }

    /** The ledger folder, resolved against the folder of orderer.yaml (default /var/hyperledger/production/orderer). */
    public Path location() {
        return path("Location", true).orElse(DEFAULT_LOCATION);
    }
}

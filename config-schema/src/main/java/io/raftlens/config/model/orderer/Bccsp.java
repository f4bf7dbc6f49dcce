package io.raftlens.config.model.orderer;

import java.nio.file.Path;
import java.util.Optional;

/** {@code General.BCCSP}: the crypto provider (decoded leniently by Fabric: unknown keys are ignored). */
public final class Bccsp extends Section {

    private final Section sw;

    Bccsp(General general) {
        super(general.child("BCCSP"), "General.BCCSP", general.folder());
        this.sw = new Section(child("SW"), path() + ".SW", folder());
    }

    /** SW (software) or PKCS11 (an HSM); default SW. */
    public String defaultProvider() {
        return text("Default").orElse("SW");
    }

    public String swHash() {
        return sw.text("Hash").orElse("SHA2");
    }

    public int swSecurity() {
        return (int) sw.integer("Security").orElse(256);
    }

    /** SW.FileKeyStore.KeyStore; unset means LocalMSPDir/keystore. */
    public Optional<Path> keyStore() {
        return new Section(sw.child("FileKeyStore"), sw.path() + ".FileKeyStore", folder()).path("KeyStore", true);
    }
}

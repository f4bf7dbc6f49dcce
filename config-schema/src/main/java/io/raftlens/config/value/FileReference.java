package io.raftlens.config.value;

/**
 * The value of a {@code {File: path}} entry. Fabric's decode hooks replace it with the file's content (a
 * string field) or the file's PEM certificates (a list field) when the orderer or configtxgen loads the
 * configuration. RaftLens never reads it: a configuration under review (a pull request, a document opened in
 * the editor) could otherwise have any file the validator can read quoted back in a finding. Rules see a
 * value that is not a String, so they treat it as unknown and never print it; {@link #toString()} names the
 * file only.
 *
 * @param file the path as written
 */
public record FileReference(String file) {

    @Override
    public String toString() {
        return "{File: " + file + "}";
    }
}

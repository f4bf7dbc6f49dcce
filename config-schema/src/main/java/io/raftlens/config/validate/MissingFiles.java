package io.raftlens.config.validate;

import io.raftlens.config.yaml.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The referenced files (MSP folders, certificates, keys) that do not exist, collected from the rules that
 * look for them during one validation run. They are reported together by {@code FILE003}, one finding
 * per missing root folder: a configuration checked outside its crypto tree (CI, templates) otherwise gets
 * one warning per path, which buries the findings that matter.
 */
public final class MissingFiles {

    /**
     * One place that names a file that is not there.
     *
     * @param path    the file or folder, resolved as Fabric resolves it
     * @param range   where it is written
     * @param what    what it is, for messages: "MSPDir of Org1MSP", "server certificate of consenter o1:7050"
     * @param failure what Fabric does while it is missing, in its words
     */
    public record Reference(Path path, Range range, String what, String failure) {}

    private final List<Reference> references = new ArrayList<>();

    private MissingFiles() {
    }

    /** The collector of this validation run. */
    public static MissingFiles in(RuleContext context) {
        return context.shared(MissingFiles.class, MissingFiles::new);
    }

    public void add(Path path, Range range, String what, String failure) {
        references.add(new Reference(path.toAbsolutePath().normalize(), range, what, failure));
    }

    public List<Reference> references() {
        return List.copyOf(references);
    }
}

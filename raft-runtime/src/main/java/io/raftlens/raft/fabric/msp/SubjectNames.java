package io.raftlens.raft.fabric.msp;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Subject attributes in certificate order, as Go's {@code pkix.Name} lists them. */
final class SubjectNames {
    private SubjectNames() {
    }

    static List<String> organizationalUnits(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(BCStyle.OU)) {
            for (var atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.OU)) {
                    ASN1Encodable v = atv.getValue();
                    out.add(v instanceof ASN1String s ? s.getString() : v.toString());
                }
            }
        }
        return out;
    }
}

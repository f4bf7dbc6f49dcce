package io.raftlens.raft.configtxgen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;

/**
 * Fabric's signature policy language ({@code common/policydsl.FromString}) to a {@code SignaturePolicyEnvelope}:
 * every principal becomes a new identity in order of appearance (no de-duplication, as Fabric's parser does), each
 * referenced by {@code SignedBy(index)}; {@code AND(a,b)} is {@code NOutOf(2,…)}, {@code OR} is {@code NOutOf(1,…)}.
 */
public final class SignaturePolicies {

    private static final Pattern PRINCIPAL = Pattern.compile("^([A-Za-z0-9.-]+)([.])(admin|member|client|peer|orderer)$");

    private SignaturePolicies() {
    }

    /** @throws IllegalArgumentException with a reason, for a rule Fabric's parser refuses */
    public static SignaturePolicyEnvelope fromString(String rule) {
        Parser p = new Parser(rule);
        p.skip();
        SignaturePolicy root = p.gate();
        p.skip();
        if (p.pos < rule.length()) {
            throw new IllegalArgumentException("unexpected text after the policy at position " + (p.pos + 1));
        }
        return SignaturePolicyEnvelope.newBuilder().setVersion(0).setRule(root).addAllIdentities(p.identities).build();
    }

    /** {@code cauthdsl.AcceptAllPolicy}: NOutOf(0) of nothing, with no identities. */
    public static SignaturePolicyEnvelope acceptAll() {
        return SignaturePolicyEnvelope.newBuilder().setVersion(0)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(0))).build();
    }

    private static final class Parser {
        final String s;
        int pos;
        final List<MSPPrincipal> identities = new ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        SignaturePolicy gate() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            boolean and = false;
            boolean outOf = false;
            switch (name) {
                case "AND", "And", "and" -> and = true;
                case "OR", "Or", "or" -> { }
                case "OutOf", "outof", "OUTOF" -> outOf = true;
                default -> throw new IllegalArgumentException(name.isEmpty()
                        ? "expected AND(…), OR(…) or OutOf(…) at position " + (start + 1)
                        : "unrecognized token '" + name + "' in policy string");
            }
            expect('(');
            int n = -1;
            if (outOf) {
                skip();
                int ns = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (ns == pos) {
                    throw new IllegalArgumentException("OutOf needs a number as its first argument");
                }
                n = Integer.parseInt(s.substring(ns, Math.min(pos, ns + 9)));
                expect(',');
            }
            List<SignaturePolicy> rules = new ArrayList<>();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                    rules.add(principal());
                } else {
                    rules.add(gate());
                }
                skip();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(')');
                break;
            }
            int t = outOf ? n : and ? rules.size() : 1;
            if (t < 0 || t > rules.size() + 1) {
                throw new IllegalArgumentException("invalid t-out-of-n predicate, t " + t + ", n " + rules.size());
            }
            return SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(t).addAllRules(rules)).build();
        }

        SignaturePolicy principal() {
            char quote = s.charAt(pos++);
            int end = s.indexOf(quote, pos);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated principal at position " + pos);
            }
            String text = s.substring(pos, end);
            pos = end + 1;
            Matcher m = PRINCIPAL.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("error parsing principal " + text);
            }
            MSPRole.MSPRoleType role = switch (m.group(3)) {
                case "admin" -> MSPRole.MSPRoleType.ADMIN;
                case "client" -> MSPRole.MSPRoleType.CLIENT;
                case "peer" -> MSPRole.MSPRoleType.PEER;
                case "orderer" -> MSPRole.MSPRoleType.ORDERER;
                default -> MSPRole.MSPRoleType.MEMBER;
            };
            identities.add(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(m.group(1)).setRole(role).build().toByteString())
                    .build());
            return SignaturePolicy.newBuilder().setSignedBy(identities.size() - 1).build();
        }

        void expect(char c) {
            skip();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' " + (pos >= s.length() ? "at the end of the rule" : "at position " + (pos + 1)));
            }
            pos++;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}

package io.raftlens.config.validate.configtx;

import io.raftlens.config.validate.Rule;
import java.time.Clock;
import java.util.List;

/** Every configtx.yaml rule, in the order they run. */
public final class ConfigtxRules {

    private static final List<Rule> ALL = List.of(
            new ElectionTickRule(),
            new ZeroOptionRule(),
            new TickIntervalRule(),
            new TickIntervalPositiveRule(),
            new SnapshotIntervalRule(),
            new EtcdRaftMissingRule(),
            new EmptyConsentersRule(),
            new ConsenterFieldsRule(),
            new DuplicateEndpointRule(),
            new SharedCertificateRule(),
            new CertificateMissingRule(),
            new CertificateInvalidRule(),
            new CertificateExpiredRule(Clock.systemUTC()),
            new CertificateHostRule(),
            new CertificateChainRule(),
            new ConsenterCountRule(),
            new ElectionTimeoutRule(),
            new SlowFailoverRule(),
            new ConsenterPortRule(),
            new OrdererTypeRule(),
            new BatchSizeOrderRule(),
            new BatchSizeZeroRule(),
            new AbsoluteMaxBytesRule(),
            new BatchTimeoutRule(),
            new GlobalAddressesRule(),
            new OrgEndpointsRule(),
            new ConsenterEndpointsRule(),
            new EndpointFormatRule(),
            new CapabilityNamesRule(),
            new CapabilitySupportRule(),
            new RequiredPoliciesRule(),
            new PolicyTypeRule(),
            new ImplicitMetaRuleSyntaxRule(),
            new ImplicitMetaReferenceRule(),
            new SignatureRuleSyntaxRule(),
            new OrgNameRule(),
            new MspIdRule(),
            new MspDirRule(),
            new MspTypeRule(),
            new ConsortiumsRule(),
            new ProfileSectionsRule(),
            new BftChannelCapabilityRule(),
            new ConsenterMappingRule(),
            new BftSizeRule(),
            new SmartBftOptionsRule(),
            new SkipAsForeignRule(),
            new ProfileExistsRule(),
            new DuplicateOrgNameRule());

    private ConfigtxRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}

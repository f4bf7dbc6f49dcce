package io.raftlens.config.model.configtx;

import io.raftlens.config.value.FieldType;
import java.util.Map;

/**
 * The Go structs configtxgen decodes configtx.yaml into ({@code internal/configtxgen/genesisconfig/config.go}
 * and the etcdraft/smartbft protobufs). These are the only keys Fabric accepts; they drive the binder and the
 * typed views. The field table is {@link ConfigtxKeys}, generated at build time from
 * {@code io/raftlens/config/schema/configtx.schema.json} (the schema editors, hover and completion read), so a
 * key is declared once, in the schema.
 */
public final class ConfigtxSchema {

    private ConfigtxSchema() {
    }

    /** Field order is binding order: the anchored sections come first, so a problem in them is reported with their own path. */
    public static final FieldType.Struct TOP_LEVEL = ConfigtxKeys.TOP_LEVEL;

    /** Advice shown with unknown keys that people often put in the wrong place. */
    public static final Map<String, String> KEY_HINTS = Map.of(
            "consenter.id", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "consenter.mspid", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "consenter.identity", "ID, MSPID and Identity exist only in Orderer.ConsenterMapping (BFT), not in EtcdRaft.Consenters",
            "toplevel.consortiums", "there is no top-level Consortiums key; consortiums belong inside a profile (and Fabric 3 has none)",
            "kafka", "Kafka consensus was removed in Fabric 3; delete this section and use OrdererType etcdraft or BFT",
            // genesisconfig.TopLevel and Application had Resources{DefaultModPolicy} from 1.1 to 2.1
            "toplevel.resources", "Resources is a Fabric 1.1-2.1 key, removed in Fabric 2.2: delete it",
            "application.resources", "Resources is a Fabric 1.1-2.1 key, removed in Fabric 2.2: delete it");
}

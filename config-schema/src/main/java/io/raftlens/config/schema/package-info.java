/**
 * The bundled JSON Schemas of configtx.yaml and orderer.yaml ({@code resources/schema/*.schema.json}), queried by key
 * path for documentation, defaults and allowed values ({@link io.raftlens.config.schema.SchemaCatalog}): what hover,
 * completion and the orderer.yaml key rules read.
 *
 * <p>May depend on: {@code fabric} only (and Jackson to read the schema files).
 */
package io.raftlens.config.schema;

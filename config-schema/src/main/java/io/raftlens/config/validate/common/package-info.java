/** Rules for every Fabric YAML file: YAML### (well-formedness) and VAL### (Fabric's value semantics). */
package io.raftlens.config.validate.common;

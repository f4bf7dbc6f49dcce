package io.raftlens.config.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {

    @Test
    void oneRulePerCodeAndResultsWithPhysicalLocations() {
        String sarif = new SarifReport(ReportFixtures.RULES, "0.1.0").render(ReportFixtures.results());
        assertEquals("""
                {
                  "$schema" : "https://json.schemastore.org/sarif-2.1.0.json",
                  "version" : "2.1.0",
                  "runs" : [ {
                    "tool" : {
                      "driver" : {
                        "name" : "RaftLens",
                        "version" : "0.1.0",
                        "semanticVersion" : "0.1.0",
                        "rules" : [ {
                          "id" : "RAFT001",
                          "shortDescription" : {
                            "text" : "ElectionTick must exceed HeartbeatTick"
                          },
                          "fullDescription" : {
                            "text" : "etcdraft: ElectionTick must be greater than HeartbeatTick."
                          },
                          "help" : {
                            "text" : "etcdraft: ElectionTick must be greater than HeartbeatTick."
                          },
                          "defaultConfiguration" : {
                            "level" : "error"
                          }
                        }, {
                          "id" : "ORD001",
                          "shortDescription" : {
                            "text" : "BootstrapMethod must be none"
                          },
                          "fullDescription" : {
                            "text" : "Fabric 3 forbids BootstrapMethod file."
                          },
                          "help" : {
                            "text" : "Fabric 3 forbids BootstrapMethod file."
                          },
                          "defaultConfiguration" : {
                            "level" : "error"
                          }
                        }, {
                          "id" : "RAFT010",
                          "shortDescription" : {
                            "text" : "Even consenter count"
                          },
                          "fullDescription" : {
                            "text" : "An even count tolerates no more failures."
                          },
                          "help" : {
                            "text" : "An even count tolerates no more failures."
                          },
                          "defaultConfiguration" : {
                            "level" : "warning"
                          }
                        }, {
                          "id" : "YAML001",
                          "shortDescription" : {
                            "text" : "YAML001"
                          },
                          "fullDescription" : {
                            "text" : "YAML001"
                          },
                          "help" : {
                            "text" : "YAML001"
                          },
                          "defaultConfiguration" : {
                            "level" : "note"
                          }
                        } ]
                      }
                    },
                    "results" : [ {
                      "ruleId" : "YAML001",
                      "ruleIndex" : 3,
                      "level" : "note",
                      "message" : {
                        "text" : "placeholder ${ORG}\\nis kept as text"
                      },
                      "locations" : [ {
                        "physicalLocation" : {
                          "artifactLocation" : {
                            "uri" : "net/configtx.yaml",
                            "uriBaseId" : "%SRCROOT%"
                          },
                          "region" : {
                            "startLine" : 4,
                            "startColumn" : 1,
                            "endLine" : 4,
                            "endColumn" : 5
                          }
                        }
                      } ]
                    }, {
                      "ruleId" : "RAFT001",
                      "ruleIndex" : 0,
                      "level" : "error",
                      "message" : {
                        "text" : "ElectionTick (1) must be greater than HeartbeatTick (1)"
                      },
                      "locations" : [ {
                        "physicalLocation" : {
                          "artifactLocation" : {
                            "uri" : "net/configtx.yaml",
                            "uriBaseId" : "%SRCROOT%"
                          },
                          "region" : {
                            "startLine" : 13,
                            "startColumn" : 21,
                            "endLine" : 13,
                            "endColumn" : 22
                          }
                        }
                      } ]
                    }, {
                      "ruleId" : "RAFT010",
                      "ruleIndex" : 2,
                      "level" : "warning",
                      "message" : {
                        "text" : "4 consenters tolerate 1 failure, as 3 do"
                      },
                      "locations" : [ {
                        "physicalLocation" : {
                          "artifactLocation" : {
                            "uri" : "net/configtx.yaml",
                            "uriBaseId" : "%SRCROOT%"
                          },
                          "region" : {
                            "startLine" : 81,
                            "startColumn" : 7,
                            "endLine" : 81,
                            "endColumn" : 17
                          }
                        }
                      } ]
                    }, {
                      "ruleId" : "ORD001",
                      "ruleIndex" : 1,
                      "level" : "error",
                      "message" : {
                        "text" : "Bootstrap method: 'file' is forbidden, since system channel is no longer supported"
                      },
                      "locations" : [ {
                        "physicalLocation" : {
                          "artifactLocation" : {
                            "uri" : "net/orderer.yaml",
                            "uriBaseId" : "%SRCROOT%"
                          },
                          "region" : {
                            "startLine" : 41,
                            "startColumn" : 20,
                            "endLine" : 41,
                            "endColumn" : 24
                          }
                        }
                      } ]
                    } ],
                    "columnKind" : "utf16CodeUnits"
                  } ]
                }
                """, sarif);
    }

    @Test
    void absolutePathsBecomeFileUrisAndSpacesAreEncoded() {
        assertEquals("my%20net/configtx.yaml", SarifReport.uri(Path.of("my net/configtx.yaml")));
        assertEquals("file:///tmp/x/orderer.yaml", SarifReport.uri(Path.of("/tmp/x/orderer.yaml")));
    }

    @Test
    void levelsMapToSarif() {
        assertEquals(List.of("error", "warning", "note", "note"),
                java.util.Arrays.stream(io.raftlens.config.validate.Severity.values()).map(SarifReport::level).toList());
    }
}

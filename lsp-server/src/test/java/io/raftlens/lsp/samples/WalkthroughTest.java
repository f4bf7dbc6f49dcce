package io.raftlens.lsp.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftlens.raft.node.core.FirstCampaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/walkthrough.md and the sample comments stay true: every captured block is filled by
 * scripts/capture-walkthrough.sh (none pending, none hand-made without a marker), the files and commands it points
 * to exist, and the two-channel sample's claim about its first campaigners is Fabric's hash.
 */
class WalkthroughTest {

    private static final Path DOC = Repo.root().resolve("docs/walkthrough.md");
    private static final Path SCRIPT = Repo.root().resolve("scripts/capture-walkthrough.sh");

    @Test
    void everyCapturedBlockIsFilledAndNamedInTheScriptsOutput() throws Exception {
        String doc = Files.readString(DOC);
        Matcher m = Pattern.compile("(?s)<!-- capture:([a-z0-9-]+) -->\\n```text\\n(.*?)\\n```\\n<!-- /capture:\\1 -->").matcher(doc);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            assertFalse(m.group(2).contains("(pending"), "block " + m.group(1) + " is still pending");
            assertFalse(m.group(2).isBlank(), "block " + m.group(1) + " is empty");
        }
        long opened = Pattern.compile("<!-- capture:").matcher(doc).results().count();
        assertEquals(opened, names.size(), "every <!-- capture:NAME --> has a ```text block and its closing marker");
        String script = Files.readString(SCRIPT);
        for (String name : names) {
            assertTrue(script.contains("$cap/" + name + ".txt"), "the script writes capture " + name);
        }
        assertTrue(names.containsAll(List.of("election", "failover", "rejoin", "metrics-before", "metrics-after")), names.toString());
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is executable");
    }

    @Test
    void theWalkthroughShowsTheArticlesStory() throws Exception {
        String doc = Files.readString(DOC);
        for (String step : List.of("became pre-candidate", "sent MsgPreVote request", "MsgPreVoteResp votes",
                "became candidate", "sent MsgVote request", "became leader", "Raft leader changed",
                "Start accepting requests as Raft leader", "consensus_etcdraft_is_leader", "consensus_etcdraft_leader_changes")) {
            assertTrue(doc.contains(step), "the walkthrough shows '" + step + "'");
        }
        assertTrue(doc.contains("rejected MsgPreVote") || doc.contains("ignored MsgPreVote"),
                "the rejoining node's pre-vote is turned down in the captured log");
        // The editor section shows screenshots taken by the extension's end-to-end test; each must exist.
        Matcher images = Pattern.compile("!\\[[^]]*]\\((images/[\\w.-]+\\.png)\\)").matcher(doc);
        int shown = 0;
        while (images.find()) {
            assertTrue(Files.exists(DOC.resolveSibling(images.group(1))), "the walkthrough shows " + images.group(1));
            shown++;
        }
        assertTrue(shown >= 3, "editor screenshots shown: " + shown);
    }

    @Test
    void filesAndCommandsTheWalkthroughNamesExist() throws Exception {
        String doc = Files.readString(DOC);
        Matcher files = Pattern.compile("`((?:samples|scripts|docs)/[\\w./-]+)`").matcher(doc);
        int n = 0;
        while (files.find()) {
            String f = files.group(1);
            assertTrue(Files.exists(Repo.root().resolve(f)), "the walkthrough names " + f);
            n++;
        }
        assertTrue(n >= 5, "files named: " + n);
        List<String> twoChannels = LaunchedSample.documentedArgs(Repo.samples().resolve("two-channels/configtx.yaml"));
        assertTrue(doc.replace("\\\n  ", "").contains("./raftlens launch " + String.join(" ", twoChannels)),
                "the walkthrough's two-channel command is the one the sample documents: " + twoChannels);
    }

    @Test
    void twoChannelSampleNamesItsFirstCampaignersRight() throws Exception {
        String comment = Files.readString(Repo.samples().resolve("two-channels/configtx.yaml"));
        long sys = FirstCampaign.campaigner("sys-channel", 5);
        long my = FirstCampaign.campaigner("mychannel", 5);
        assertTrue(comment.contains("orderer" + sys + " for sys-channel, orderer" + my + " for mychannel"),
                "sys-channel starts on orderer" + sys + ", mychannel on orderer" + my);
        assertTrue(sys != my, "the two channels start with different campaigners");
    }
}

package io.raftlens.lsp.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.raftlens.raft.core.Slf4jRaftLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code %fabricFunc} prints the function the Raft core names; chain lines fall back to Fabric's wording. */
class FabricLogLayoutTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Slf4jRaftLogger.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final FabricLogLayout.FabricFunction function = new FabricLogLayout.FabricFunction();
    private Level level;

    @BeforeEach
    void attach() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO); // logback-test.xml logs errors only
        logger.setAdditive(false);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(events);
        logger.setLevel(level);
        logger.setAdditive(true);
    }

    @Test
    void theCoresFunctionNameComesFromTheMdcWhateverTheWording() {
        Slf4jRaftLogger raft = new Slf4jRaftLogger("mychannel", 1);
        raft.info("becomeLeader", "1 became leader at term 2");
        raft.info("stepLeader", "a reworded line the old regex table would not have known");
        assertEquals("becomeLeader", function.convert(events.list.get(0)));
        assertEquals("stepLeader", function.convert(events.list.get(1)));
    }

    @Test
    void chainLinesWithoutAFunctionAreRecognisedByFabricsWording() {
        logger.info("Raft leader changed: 0 -> 2 channel=mychannel node=1");
        logger.info("Writing block [1] (Raft index: 5) to ledger channel=mychannel node=1");
        logger.info("something else");
        assertEquals("run", function.convert(events.list.get(0)));
        assertEquals("writeBlock", function.convert(events.list.get(1)));
        assertEquals("etcdraft", function.convert(events.list.get(2)), "unknown lines: the logger's last name");
    }
}

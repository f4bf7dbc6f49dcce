package io.raftlens.lsp.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.raftlens.raft.core.Slf4jRaftLogger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code %fabricFunc} prints the function the Raft core names; chain lines fall back to Fabric's wording. */
class FabricLogLayoutTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Slf4jRaftLogger.LOGGER_NAME);
    private final FabricLogLayout.FabricFunction function = new FabricLogLayout.FabricFunction();
    /** What %fabricFunc prints, converted while the line is logged, as the console appender does. */
    private final List<String> printed = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> events = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            printed.add(function.convert(event));
        }
    };
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
        assertEquals(List.of("becomeLeader", "stepLeader"), printed);
    }

    @Test
    void chainLinesWithoutAFunctionAreRecognisedByFabricsWording() {
        logger.info("Raft leader changed: 0 -> 2 channel=mychannel node=1");
        logger.info("Writing block [1] (Raft index: 5) to ledger channel=mychannel node=1");
        logger.info("something else");
        assertEquals(List.of("run", "writeBlock", "etcdraft"), printed, "unknown lines: the logger's last name");
    }

    @Test
    void theSequenceIsFlogglingsFourDigitLowerCaseHexCountingUp() {
        FabricLogLayout.FabricSequence seq = new FabricLogLayout.FabricSequence();
        String first = seq.convert(null);
        String second = seq.convert(null);
        assertEquals(true, first.matches("[0-9a-f]{4,}"), first);
        assertEquals(Long.parseLong(first, 16) + 1, Long.parseLong(second, 16));
        assertEquals(String.format("%04x", Long.parseLong(second, 16)), second);
    }
}

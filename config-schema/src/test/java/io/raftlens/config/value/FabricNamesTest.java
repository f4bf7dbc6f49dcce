package io.raftlens.config.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FabricNamesTest {

    @Test
    void channelIds() {
        assertEquals(Optional.empty(), FabricNames.channelIdError("mychannel"));
        assertEquals(Optional.empty(), FabricNames.channelIdError("my-channel.2"));
        assertEquals(Optional.of("'MyChannel' contains illegal characters"), FabricNames.channelIdError("MyChannel"));
        assertEquals(Optional.of("'1chan' contains illegal characters"), FabricNames.channelIdError("1chan"));
        assertEquals(Optional.of("channel ID illegal, cannot be empty"), FabricNames.channelIdError(""));
        assertEquals(Optional.of("channel ID illegal, cannot be longer than 249"), FabricNames.channelIdError("a".repeat(250)));
    }

    @Test
    void configIds() {
        assertEquals(Optional.empty(), FabricNames.configIdError("Org1.example-com"));
        assertEquals(Optional.of("config ID 'Org 1' contains illegal characters"), FabricNames.configIdError("Org 1"));
        assertEquals(Optional.of("config ID '..' is invalid"), FabricNames.configIdError(".."));
    }
}

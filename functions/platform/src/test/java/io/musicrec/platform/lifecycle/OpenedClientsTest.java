package io.musicrec.platform.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenedClientsTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable client(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name) {
        return () -> {
            closed.add(name);
            throw new IllegalStateException(name + " would not close");
        };
    }

    @Test
    void closesNewestFirstAndReturnsWhatItKeeps() {
        OpenedClients clients = new OpenedClients("the test function");
        AutoCloseable database = client("database");
        assertSame(database, clients.add(database));
        clients.add(client("redis"));
        clients.close();
        assertEquals(List.of("redis", "database"), closed);
        clients.close();
        assertEquals(2, closed.size(), "closed once");
    }

    @Test
    void afterAFailedStartEveryClientIsClosedAndItsFailuresAreSuppressedIntoTheStarts() {
        OpenedClients clients = new OpenedClients("the test function");
        clients.add(failing("database"));
        clients.add(client("redis"));
        RuntimeException start = new RuntimeException("Spotify client failed");
        clients.closeAfter(start);
        assertEquals(List.of("redis", "database"), closed);
        assertEquals(1, start.getSuppressed().length);
        assertEquals("database would not close", start.getSuppressed()[0].getMessage());
    }

    @Test
    void aFailedCloseIsReportedAfterEveryClientWasClosed() {
        OpenedClients clients = new OpenedClients("the test function");
        clients.add(failing("database"));
        clients.add(client("s3"));
        clients.add(failing("redis"));
        IllegalStateException failure = assertThrows(IllegalStateException.class, clients::close);
        assertEquals(List.of("redis", "s3", "database"), closed);
        assertEquals("could not close the test function's clients", failure.getMessage());
        assertEquals("redis would not close", failure.getCause().getMessage());
        assertEquals(1, failure.getSuppressed().length);
    }
}

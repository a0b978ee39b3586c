package io.telerisk.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One browser per test class, against the hub all classes share. */
abstract class ConsoleTestBase {
    static ConsoleHub hub;
    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        hub = ConsoleHub.shared();
        browser = new Browser(hub);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }
}

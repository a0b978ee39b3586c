package io.telerisk.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user without the role, or of another tenant, sees neither the screen nor its data, through the browser. */
class ConsoleAccessTest extends ConsoleTestBase {

    @Test
    void navigationShowsOnlyTheScreensOfTheUsersRoles() {
        browser.signIn("fay");
        String nav = browser.driver.findElement(By.id("nav")).getText();
        assertTrue(nav.contains("My fields"), nav);
        assertFalse(nav.contains("Claim queue") || nav.contains("Devices") || nav.contains("Plans"), nav);
    }

    @Test
    void aFarmerOpeningTheClaimQueueSeesNeitherTheScreenNorClaims() {
        browser.signIn("fay");
        browser.open("adjuster/queue");
        assertEquals("Not available", browser.heading());
        assertFalse(browser.mainText().contains("CRASH-"), browser.mainText());
        browser.checkScreen("access-denied-en");
    }

    @Test
    void anAdjusterOfAnotherTenantCannotOpenAClaimByItsAddress() {
        browser.signIn("rex");
        browser.open("adjuster/claims/" + hub.claimToDecide);
        assertEquals("This screen could not be loaded", browser.heading());
        assertFalse(browser.mainText().contains("Crash evidence"), browser.mainText());
        browser.open("adjuster/queue");
        assertFalse(browser.mainText().contains("CRASH-acme"), "rival's queue holds no acme claim");
    }

    @Test
    void anOperatorOfAnotherTenantSeesOnlyItsOwnDevices() {
        browser.signIn("ron");
        browser.open("operator/devices");
        browser.awaitText(By.cssSelector("main table"), "rival-car");
        assertFalse(browser.mainText().contains("fleet-0"), "acme's devices are not listed");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageInTheUsersLanguage() {
        browser.driver.get(hub.consoleUrl() + "?wrong=1");
        browser.script("sessionStorage.clear(); localStorage.setItem('telerisk.locale', 'zh-CN')");
        browser.driver.navigate().refresh();
        try {
            var form = browser.await(By.id("login"));
            form.findElement(By.name("username")).sendKeys("fay");
            form.findElement(By.name("password")).sendKeys("not-the-password");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.awaitText(By.id("flash"), "用户名或密码错误");
            browser.checkScreen("sign-in-refused-zh");
        } finally {
            browser.script("localStorage.setItem('telerisk.locale', 'en')");
        }
    }
}

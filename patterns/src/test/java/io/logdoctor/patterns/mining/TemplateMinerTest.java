package io.logdoctor.patterns.mining;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemplateMinerTest {

    @Test
    void shouldGroupLinesThatDifferOnlyInMaskedValues() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("connect to 10.0.0.1:5432 failed after 250ms");
        Template b = miner.add("connect to 10.0.9.7:5432 failed after 1.5s");

        assertSame(a, b);
        assertEquals("connect to <IP> failed after <DURATION>", b.text());
        assertEquals(2, b.count());
    }

    @Test
    void shouldWidenTheTemplateWhereWordsDifferAboveTheThreshold() {
        TemplateMiner miner = new TemplateMiner();
        miner.add("login of user alice refused by web console");
        Template t = miner.add("login of user bob refused by web console");

        assertEquals("login of user <*> refused by web console", t.text());
        assertEquals(1, miner.templates().size());
    }

    @Test
    void shouldStartANewClusterBelowTheThreshold() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("disk full on volume data");
        Template b = miner.add("disk quota exceeded for team");

        assertNotSame(a, b);
        assertEquals("disk full on volume data", a.text());
    }

    @Test
    void shouldNeverGroupLinesOfDifferentLengthOrFirstWord() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("timeout reading block 12");
        Template b = miner.add("timeout reading block 12 again");
        Template c = miner.add("Timeout reading block 13");

        assertEquals(3, miner.templates().size());
        assertNotSame(a, b);
        assertNotSame(a, c);
    }

    @Test
    void shouldSendLinesWithAMaskedFirstTokenToTheWildcardBranch() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("4242 requests served");
        Template b = miner.add("17 requests served");

        assertSame(a, b);
        assertEquals("<NUM> requests served", b.text());
    }

    @Test
    void shouldMaskEachKindOfVariable() {
        assertEquals("<UUID>", String.join(" ", Masker.tokens("3f2b8c1e-9d4a-4b7e-8f00-1234567890ab")));
        assertEquals("<HEX> <HEX> <NUM> <NUM> <PATH> <ID> <DURATION>",
                String.join(" ", Masker.tokens("0x1F deadbeef01 -12 3.25 /var/log/pods blk_-1608999687919862906 1h2m3s")));
        assertEquals("pid=<NUM> (<IP>), code=<NUM>;", String.join(" ", Masker.tokens("pid=1234 (192.168.1.10), code=7;")));
        assertEquals("ERROR en0 down", String.join(" ", Masker.tokens("  ERROR\ten0   down ")));
        assertEquals("via eth1 sda12 <ID> <ID> <ID>", String.join(" ", Masker.tokens("via eth1 sda12 e0 eth123 node-129")));
    }

    @Test
    void shouldMaskAQuantityWhetherItsUnitIsGluedOrApart() {
        assertEquals("<SIZE> sent, <SIZE> received, lifetime <DURATION>",
                String.join(" ", Masker.tokens("0 bytes sent, 10MB received, lifetime 00:01")));
        assertEquals("<SIZE> sent, <SIZE> received, lifetime <DURATION>",
                String.join(" ", Masker.tokens("1190 bytes (1.16 KB) sent, 3 KiB received, lifetime <1 sec")));
        assertEquals("took <DURATION>, at <DURATION> <NUM> (<ID>)", // (3000ms) is the same value again
                String.join(" ", Masker.tokens("took 16:00:46.635, at 3 sec (3000ms) 42 (db-1)")));
        assertEquals("<NUM> metres, <NUM> m", String.join(" ", Masker.tokens("12 metres, 5 m")));
    }

    @Test
    void shouldGroupTheSameSizeWrittenOnceOrTwice() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("proxy:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01");
        Template b = miner.add("proxy:5070 close, 1190 bytes (1.16 KB) sent, 18846 bytes (18.4 KB) received, lifetime <1 sec");

        assertSame(a, b);
        assertEquals("<ID> close, <SIZE> sent, <SIZE> received, lifetime <DURATION>", b.text());
    }

    @Test
    void shouldTakeAHexNumberWithOnlyDecimalDigitsForAHexNumber() {
        TemplateMiner miner = new TemplateMiner();
        Template a = miner.add("iar 003a90fc dear 00b360e8");
        Template b = miner.add("iar 00106210 dear 0244c1dc");
        Template c = miner.add("iar 00106210 dear 02441010");

        assertSame(a, b);
        assertSame(a, c);
        assertEquals("iar <HEX> dear <HEX>", c.text());
    }

    @Test
    void shouldKeepAWordThatTookOnlyAFewValuesInTheLinesTemplate() {
        TemplateMiner miner = new TemplateMiner();
        Assignment paused = miner.assign("[instance: 3f2b8c1e-9d4a-4b7e-8f00-1234567890ab] VM Paused (Lifecycle Event)");
        Assignment resumed = miner.assign("[instance: 3f2b8c1e-9d4a-4b7e-8f00-1234567890ac] VM Resumed (Lifecycle Event)");
        Assignment pausedAgain = miner.assign("[instance: 4f2b8c1e-9d4a-4b7e-8f00-1234567890ab] VM Paused (Lifecycle Event)");

        assertSame(paused.template(), resumed.template());
        assertEquals("[instance: <UUID>] VM <*> (Lifecycle Event)", resumed.template().text());
        assertEquals("[instance: <UUID>] VM Paused (Lifecycle Event)", paused.text());
        assertEquals("[instance: <UUID>] VM Resumed (Lifecycle Event)", resumed.text());
        assertEquals(paused.text(), pausedAgain.text());
    }

    @Test
    void shouldTakeAPositionForAVariableOnceItHeldMoreThanAFewWordsOrAMask() {
        TemplateMiner miner = new TemplateMiner();
        List<Assignment> users = new ArrayList<>();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            users.add(miner.assign("session opened for user " + user + " by sshd"));
        }
        assertEquals("session opened for user dave by sshd", users.get(3).text()); // four: still a few
        users.add(miner.assign("session opened for user erin by sshd"));
        for (Assignment a : users) {
            assertEquals("session opened for user <*> by sshd", a.text());
        }

        Assignment word = miner.assign("failed disk sda on node web");
        Assignment mask = miner.assign("failed disk /dev/sdb1 on node web");
        assertEquals("failed disk <*> on node web", word.text());
        assertEquals(word.text(), mask.text());
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedClusterBeyondTheCap() {
        TemplateMiner miner = new TemplateMiner(TemplateMiner.Settings.DEFAULT.withMaxClusters(2));
        Template first = miner.add("alpha failed");
        miner.add("beta failed now");
        miner.add("alpha failed"); // first is now the most recent
        miner.add("gamma failed here again");

        assertEquals(2, miner.templates().size());
        assertEquals(1, miner.evicted());
        assertSame(first, miner.get(first.id()));
        assertNull(miner.match("beta failed now"));
    }

    @Test
    void shouldMatchWithoutChangingAnything() {
        TemplateMiner miner = new TemplateMiner();
        Template t = miner.add("queue 3 is full");

        assertSame(t, miner.match("queue 9 is full"));
        assertEquals(1, t.count());
        assertNull(miner.match("queue is full"));
    }

    @Test
    void shouldRefuseSettingsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TemplateMiner(new TemplateMiner.Settings(2, 0.5, 100, 10)));
        assertEquals("depth must be at least 3 (root, length, leaf); was 2", e.getMessage());
    }
}

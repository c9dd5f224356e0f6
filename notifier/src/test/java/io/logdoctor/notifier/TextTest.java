package io.logdoctor.notifier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTest {

    @Test
    void shouldCutWithAnEllipsisOnlyWhenNeeded() {
        assertEquals("abc", Text.cut("abc", 3));
        assertEquals("ab…", Text.cut("abcd", 3));
        assertEquals("", Text.cut(null, 3));
    }

    @Test
    void shouldNeverSplitASurrogatePair() {
        assertEquals("a…", Text.cut("a😀bc", 3));
        assertEquals("a…", Text.mrkdwn("a😀bc", 3));
    }

    @Test
    void shouldEscapeMrkdwnAndCutBetweenEntities() {
        assertEquals("a &lt;b&gt; &amp; c", Text.mrkdwn("a <b> & c", 100));
        assertEquals("&amp;&amp;…", Text.mrkdwn("&&&&", 12));
        assertEquals("&amp;&amp;&amp;", Text.mrkdwn("&&&", 15), "fits exactly: no ellipsis");
    }
}

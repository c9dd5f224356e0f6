package io.logdoctor.streams;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a log line before it leaves the app as evidence: AWS access key ids, secret
 * keys and session tokens, bearer and basic credentials, JWTs, passwords in URLs,
 * {@code password=}-style pairs, provider tokens, and private keys. Each becomes {@code [REDACTED]},
 * keeping the name of what was there so the line still reads.
 */
final class Redactor {

    static final String MASK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final String SEP = "([\"']?\\s*[:=]\\s*[\"']?)";

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole or cut off at the end of the line
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|$)", Pattern.DOTALL),
                    "-----BEGIN $1PRIVATE KEY-----" + MASK + "-----END $1PRIVATE KEY-----"),
            // secret keys and session tokens by the name they are given (env, JSON, INI, headers)
            new Rule(Pattern.compile("(?i)\\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|x-amz-security-token)"
                    + SEP + "[A-Za-z0-9/+=]{16,}"), "$1$2" + MASK),
            // access key ids: AKIA (long-term), ASIA (temporary) and the other IAM unique-id prefixes
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\\b"), MASK),
            // Authorization headers and bearer tokens
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1$2" + MASK),
            // JSON web tokens
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), MASK),
            // provider tokens with well-known prefixes: GitHub, Slack, PagerDuty-style integration keys are handled by pairs
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})"), MASK),
            // user:password@ in URLs
            new Rule(Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)[^@\\s/]+@"), "$1" + MASK + "@"),
            // password=..., "apiKey": "...", client_secret: ... (the value up to a quote, space or separator)
            new Rule(Pattern.compile("(?i)\\b(password|passwd|pwd|pass|secret|client_?secret|api_?key|apikey|access_?token|auth_?token|token|private_?key|credentials?)"
                    + SEP + "(?!\\[REDACTED\\])[^\"'\\s,;&}]+"), "$1$2" + MASK));

    private Redactor() {
    }

    /** The line with every secret the rules know replaced. */
    static String redact(String line) {
        String out = line;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }
}

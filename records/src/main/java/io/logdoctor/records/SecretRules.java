package io.logdoctor.records;

import java.util.List;

/**
 * The secrets {@link Redactor} knows, in the order they run: formats with a fixed shape first
 * (private keys, credentials in URLs, provider tokens), then values found by the name they are given
 * (headers, flags, {@code password=}-style pairs, {@code *_KEY=} environment variables), last the
 * bare AWS secret key, which only its shape gives away.
 *
 * <p>The provider formats follow gitleaks' default rules (config/gitleaks.toml: aws-access-token,
 * github-pat/-fine-grained-pat/-oauth/-app-token/-refresh-token, gitlab-pat/-ptt/-rrt, slack-bot/
 * -user/-app-token, slack-webhook-url, stripe-access-token, gcp-api-key, npm-access-token,
 * azure-ad-client-secret, sendgrid-api-token, jwt, private-key, curl-auth-header, generic-api-key),
 * rewritten so that each does bounded work per start position: every repetition is bounded or
 * possessive and none is nested, which keeps a whole line linear. Each value becomes
 * {@link Redactor#MASK}; the name before it stays, so the line still reads.
 */
final class SecretRules {

    private static final String M = Redactor.MASK;
    /** Not a value that is already masked, nor the start of a PEM block (masked by its own rule). */
    private static final String FRESH = "(?!\\[REDACTED|-----)";
    /** Between a name and its value: an optional (JSON-escaped) closing quote, then =, :, :=, =>, or URL-encoded = (%3D). */
    private static final String SEP = "(\\\\?[\"']?+[ \\t]{0,4}+(?::=|=>|[:=]|%3[dD])[ \\t]{0,4}+(?:\\\\?[\"'])?+)";
    /** One word of a value: up to a space, quote, backslash, ';', '&' or '}'. */
    private static final String WORD = "[^\\s\"'\\\\;&}]";
    /** One word of a token-like value: as {@link #WORD}, and a comma ends it too (JSON, lists). */
    private static final String TOKEN = "[^\\s\"'\\\\;&},]";
    /** A password may be several words: the next ones until one that looks like {@code key=} or {@code key:}. */
    private static final String WORDS = WORD + "{1,512}+(?:[ \\t]{1,4}+(?![\\w.-]{1,40}+[=:])[^\\s\"'\\\\;&}=]{1,128}+){0,16}+";
    /** After an opening quote the value is all up to the closing one (or a backslash, JSON's escaped quote). */
    private static final String QUOTED = "(?<=\")[^\"\\\\\\r\\n]{%1$d,512}+|(?<=')[^'\\r\\n]{%1$d,512}+|";
    /** A name ends there: what follows a secret word in it, but not a suffix that names something else about the secret. */
    private static final String NAME_TAIL = "(?!s?[_.-]?(?:names?|refs?|counts?|len|length|size|type|ttl|expir|file|path|version|provider|endpoint|url|uri|rotation)\\b)[\\w.-]{0,30}+";

    private SecretRules() {
    }

    static final List<SecretRule> ALL = List.of(
            // PEM private keys (RSA, EC, OPENSSH, PGP ... and GCP service-account JSON's "private_key"), whole or cut off
            SecretRule.of("private-key", List.of("-----begin"), 0,
                    "-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY( BLOCK)?-----[^-]*+(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----)?",
                    "-----BEGIN $1PRIVATE KEY$2-----" + M + "-----END $1PRIVATE KEY$2-----"),
            // user:password@ in a URL (basic auth): the password goes up to the last '@' before the host
            SecretRule.of("url-credentials", List.of("://"), 40,
                    "\\b([a-zA-Z][a-zA-Z0-9+.-]{0,30}+://[^\\s/?#@:\"'<>]{0,256}+:)" + FRESH + "[^\\s/?#\"'<>]{1,512}@",
                    "$1" + M + "@"),
            // webhook URLs are their own credential: Slack, Microsoft Teams, Discord
            SecretRule.of("webhook-url", List.of("hooks.slack.com/", "webhook.office.com/", "/api/webhooks/", "pagerduty.com/integration/"), 40,
                    "(?i)((?:hooks\\.slack\\.com/(?:services|workflows|triggers)|webhook\\.office\\.com/webhookb2|discord(?:app)?\\.com/api/webhooks|events\\.pagerduty\\.com/integration)/)"
                            + FRESH + "[A-Za-z0-9+/@_-]{8,512}+",
                    "$1" + M),
            SecretRule.of("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), 0,
                    "\\b(?:gh[pousr]_[A-Za-z0-9]{30,255}+|github_pat_[A-Za-z0-9_]{22,255}+)", M),
            SecretRule.of("gitlab-token", List.of("glpat-", "glptt-", "glrt-", "gldt-", "glft-", "glsoat-", "glcbt-", "glimt-",
                            "glagent-", "gloas-", "glwt-", "gr1348941"), 0,
                    "\\b(?:(?:glpat|glptt|glrt|gldt|glft|glsoat|glcbt|glimt|glagent|gloas|glwt)-|GR1348941)[A-Za-z0-9_-]{20,255}+", M),
            SecretRule.of("slack-token", List.of("xox", "xapp-"), 0,
                    "\\b(?:xox[abposre]-|xoxe\\.xox[bp]-|xapp-\\d-)[A-Za-z0-9-]{10,255}+", M),
            SecretRule.of("stripe-key", List.of("_test_", "_live_", "_prod_", "whsec_"), 3,
                    "\\b(?:(?:sk|rk|pk)_(?:test|live|prod)_[A-Za-z0-9]{10,255}+|whsec_[A-Za-z0-9+/=]{24,255}+)", M),
            // Google: API keys, OAuth client secrets, OAuth access tokens
            SecretRule.of("google-key", List.of("aiza", "gocspx-", "ya29."), 0,
                    "\\b(?:AIza[A-Za-z0-9_-]{35,40}+|GOCSPX-[A-Za-z0-9_-]{20,64}+|ya29\\.[A-Za-z0-9_-]{20,2048}+)", M),
            SecretRule.of("npm-token", List.of("npm_"), 0, "\\bnpm_[A-Za-z0-9]{36,64}+", M),
            SecretRule.of("sendgrid-key", List.of("sg."), 0, "\\bSG\\.[A-Za-z0-9_-]{16,32}+\\.[A-Za-z0-9_-]{16,64}+", M),
            SecretRule.of("azure-ad-client-secret", List.of("q~"), 4,
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}+", M),
            // Azure SAS tokens: the signature of a shared access signature URL
            SecretRule.of("azure-sas-signature", List.of("sig="), 1, "([?&]sig=)" + FRESH + "[A-Za-z0-9%/+=]{16,512}+", "$1" + M),
            SecretRule.of("jwt", List.of("eyj"), 0,
                    "\\beyJ[A-Za-z0-9_-]{8,8192}+\\.[A-Za-z0-9_-]{8,8192}+\\.[A-Za-z0-9_-]{8,8192}+", M),
            // AWS access key ids: AKIA (long-term), ASIA (temporary) and the other IAM unique-id prefixes
            SecretRule.of("aws-access-key-id", List.of("a3t", "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa",
                            "anva", "apka"), 0,
                    "\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\\b", M),
            // Authorization and cookie headers: the whole value, whatever its scheme, keeping the scheme's name
            SecretRule.of("auth-header", List.of("authorization", "cookie"), 6,
                    "(?i)\\b((?:proxy-)?authorization|set-cookie|cookie)" + SEP
                            + "((?:bearer|basic|token|digest|negotiate|aws4-hmac-sha256)[ \\t]++)?+" + FRESH + "[^\"'\\\\\\r\\n]{1,2048}+",
                    "$1$2$3" + M),
            // bearer and basic credentials anywhere else (curl -H, client errors): must hold a digit, '+', '/' or '=', unlike a word
            SecretRule.of("bearer", List.of("bearer", "basic"), 0,
                    "(?i)\\b(bearer|basic)([ \\t]++)" + FRESH + "(?=[A-Za-z._~-]{0,256}+[0-9+/=])[A-Za-z0-9._~+/=-]{8,4096}+",
                    "$1$2" + M),
            // command-line flags: --password x, --password=x, --token "x y", --client-secret x
            SecretRule.of("flag", List.of("-pass", "-pwd", "-token", "-secret", "-api", "-access", "-client-secret", "-auth", "-private"), 2,
                    "(?i)(?<![\\w-])(--?(?:password|passwd|pass|pwd|token|secret|api-?key|access-key|secret-key|client-secret|auth-token"
                            + "|private-key)(?!-stdin|-file)[\\w-]{0,20}+)(=|[ \\t]{1,4}+)(?!-)" + FRESH
                            + "(?:\"[^\"]{0,512}+\"?|'[^']{0,512}+'?|[^\\s\"']{1,512}+)",
                    "$1$2" + M),
            // mysql -pSECRET (the password joined to -p), sshpass -p SECRET, docker login -p SECRET: the match starts at
            // the rare " -p" and looks back (bounded) for the command, so ordinary text costs one read per character
            SecretRule.of("dash-p", List.of("mysql", "mariadb", "sshpass", "docker"), 0,
                    "([ \\t]-p(?<=(?i:mysql|mariadb|sshpass|docker[ \\t]{1,4}login)[^\\r\\n]{0,160}-p)[ \\t]?[\"']?)"
                            + FRESH + "(?!assword)[^\\s\"']{1,256}+",
                    "$1" + M),
            // password=..., "passwd": "...", PGPASSWORD=..., Password=a b c; (several words)
            SecretRule.of("password", List.of("pass", "pwd"), 0,
                    "(?i)((?:passw(?:or)?d|passphrase|(?<![a-z])pwd(?![a-z])|(?<![a-z])pass(?![a-z]))" + NAME_TAIL + ")" + SEP + FRESH + "(?:" + QUOTED.formatted(1) + WORDS + ")",
                    "$1$2" + M),
            // secret=..., api_key: ..., X-Api-Key: ..., "routing_key": "...", AccountKey=...;
            SecretRule.of("named-secret", List.of("secret", "token", "key", "credential", "signature"), 16,
                    "(?i)((?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|routing[_-]?key|integration[_-]?key"
                            + "|service[_-]?key|account[_-]?key|sharedaccesskey|sharedaccesssignature|signing[_-]?key|encryption[_-]?key"
                            + "|master[_-]?key|auth[_-]?key|signature)" + NAME_TAIL + ")" + SEP + FRESH + "(?=[^A-Za-z\\s\"'\\\\;&},]{0,512}+[A-Za-z])(?:" + QUOTED.formatted(4) + TOKEN + "{4,512}+)",
                    "$1$2" + M),
            // environment-style names: STRIPE_KEY=..., NPM_TOKEN=..., DB_SECRET=..., GRAFANA_AUTH=...
            SecretRule.of("env-secret", List.of("_key", "_token", "_secret", "_pass", "_pwd", "_credential", "_auth"), 64,
                    "\\b([A-Z][A-Z0-9_]{0,60}_(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH)(?:_[A-Z0-9]{1,20})?)" + SEP
                            + FRESH + "(?:" + QUOTED.formatted(1) + TOKEN + "{1,512}+)",
                    "$1$2" + M),
            // a bare AWS secret access key: 40 base64 characters standing alone with upper case, lower case and a digit
            // (hex digests and lower-case ids lack the capitals; longer base64 runs are not alone)
            SecretRule.of("aws-secret-key", List.of(), 0,
                    "(?<![A-Za-z0-9/+=])(?=[a-z0-9/+]{0,39}+[A-Z])"
                            + "(?=[A-Z0-9/+]{0,39}+[a-z])(?=[A-Za-z/+]{0,39}+[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
                    M));
}

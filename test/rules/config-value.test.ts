import assert from 'node:assert/strict';
import { applyEdits, lint } from '../../server/src/engine';
import { findingsOf, messagesOf, onlyFinding, see, yaml } from '../support/lint';

const RULE = 'config/value';

/** The rule's warnings only: a leading dot or a port also brings an error, tested apart. */
const warningsOf = (text: string) =>
  findingsOf(text, RULE).filter((seen) => seen.severity === 'warning');
const onlyWarning = (text: string) =>
  lint(text).findings.filter(
    (finding) => finding.ruleId === RULE && finding.severity === 'warning',
  )[0];

/** A config whose session.cookies list is the given YAML list items (indented by 4). */
function withCookies(items: string): string {
  return (
    'session:\n' +
    '  cookies:\n' +
    items +
    'storage:\n' +
    "  encryption_key: 'a-very-long-encryption-key'\n" +
    '  local:\n' +
    "    path: '/config/db.sqlite3'\n"
  );
}

function cookie(domain: string, authelia: string, redirect?: string): string {
  return (
    `    - domain: ${domain}\n` +
    `      authelia_url: ${authelia}\n` +
    (redirect === undefined ? '' : `      default_redirection_url: ${redirect}\n`)
  );
}

/** Storage, the given sections and access control, so that the text counts as an Authelia config. */
function withSections(sections: string): string {
  return (
    "storage:\n  encryption_key: 'a-very-long-encryption-key'\n  local:\n    path: '/config/db.sqlite3'\n" +
    sections +
    "access_control:\n  default_policy: 'one_factor'\n"
  );
}

describe(RULE, () => {
  describe('session cookie domains', () => {
    it('stays silent on plain domains, IP addresses and template text', () => {
      const text = withCookies(
        cookie("'example.com'", "'https://auth.example.com'", "'https://www.example.com'") +
          cookie("'example-site.co.uk'", "'https://example-site.co.uk/authelia'") +
          cookie("'192.168.1.10'", "'https://192.168.1.10'") +
          cookie('\'{{ env "DOMAIN" }}\'', '\'http://auth.{{ env "DOMAIN" }}\''),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    it('warns about a leading dot and removes it', () => {
      const text = withCookies(cookie('.example.com', "'https://auth.example.com'"));
      assert.deepEqual(warningsOf(text), [
        { ruleId: RULE, severity: 'warning', text: '.example.com', line: 3 },
      ]);
      const finding = onlyWarning(text);
      assert.equal(finding.message, "A cookie domain takes no leading dot: write 'example.com'.");
      assert.equal(finding.fixes!.length, 1);
      assert.equal(finding.fixes![0].title, 'Remove the leading dot');
      assert.equal(finding.fixes![0].preferred, true);
      assert.equal(
        applyEdits(text, finding.fixes![0].edits),
        text.replace('domain: .example.com', "domain: 'example.com'"),
      );
    });

    it('warns about a port and removes it', () => {
      const text = withCookies(cookie("'example.org:8443'", "'https://auth.example.org'"));
      assert.deepEqual(warningsOf(text), [
        { ruleId: RULE, severity: 'warning', text: "'example.org:8443'", line: 3 },
      ]);
      const finding = onlyWarning(text);
      assert.equal(finding.message, "Cookies are not bound to a port: write 'example.org'.");
      assert.equal(finding.fixes![0].title, 'Remove the port');
      assert.equal(
        applyEdits(text, finding.fixes![0].edits),
        text.replace("'example.org:8443'", "'example.org'"),
      );
    });

    it('gives both warnings for a leading dot and a port, and either fix leaves the bare domain', () => {
      const text = withCookies(cookie("'.example.net:443'", "'https://auth.example.net'"));
      assert.deepEqual(warningsOf(text), [
        { ruleId: RULE, severity: 'warning', text: "'.example.net:443'", line: 3 },
        { ruleId: RULE, severity: 'warning', text: "'.example.net:443'", line: 3 },
      ]);
      const fixed = lint(text)
        .findings.filter((finding) => finding.ruleId === RULE && finding.severity === 'warning')
        .map((finding) => applyEdits(text, finding.fixes![0].edits));
      const expected = text.replace("'.example.net:443'", "'example.net'");
      assert.deepEqual(fixed, [expected, expected]);
      assert.deepEqual(findingsOf(expected, RULE), []);
    });

    // Authelia also refuses these domains: its character check (reDomainCharacters in
    // validator/const.go) fails on a leading dot and on a port, so its own tests
    // (session_test.go, ShouldRaiseWarningOnDomainWithLeadingDot / ...WithPort) expect a warning
    // AND the error "does not appear to be a valid cookie domain".
    it('also reports a leading dot or a port as an error, as Authelia does', () => {
      const dot = withCookies(cookie("'.example.com'", "'https://auth.example.com'"));
      assert.deepEqual(
        findingsOf(dot, RULE).map((seen) => seen.severity),
        ['warning', 'error'],
      );
      const port = withCookies(cookie("'example.com:8443'", "'https://auth.example.com'"));
      assert.deepEqual(
        findingsOf(port, RULE).map((seen) => seen.severity),
        ['warning', 'error'],
      );
    });

    it('refuses a wildcard domain and offers to remove the wildcard', () => {
      const text = withCookies(cookie("'*.example.io'", "'https://auth.example.io'"));
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'*.example.io'", line: 3 },
        { ruleId: RULE, severity: 'error', text: "'https://auth.example.io'", line: 4 },
      ]);
      const wildcard = lint(text).findings.find((finding) => finding.ruleId === RULE)!;
      assert.equal(
        wildcard.message,
        "A cookie domain cannot be a wildcard: write 'example.io', which covers its subdomains too.",
      );
      const fixed = applyEdits(text, wildcard.fixes![0].edits);
      assert.equal(fixed, text.replace("'*.example.io'", "'example.io'"));
      assert.deepEqual(findingsOf(fixed, RULE), []);
    });

    it('refuses upper case, a domain without a dot and bad characters', () => {
      const text = withCookies(
        cookie("'Example.com'", "'https://auth.example.com'") +
          cookie("'localhost'", "'https://localhost'") +
          cookie("'exa_mple.org'", "'https://exa_mple.org'"),
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'Example.com'", line: 3 },
        { ruleId: RULE, severity: 'error', text: "'localhost'", line: 5 },
        { ruleId: RULE, severity: 'error', text: "'exa_mple.org'", line: 7 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'The cookie domain is not valid: it must be lower case.',
        'The cookie domain is not valid: it needs at least one dot, such as example.com.',
        'The cookie domain is not valid: it may hold only letters, digits, hyphens and dots.',
      ]);
    });

    // Fixed: cookies.ts treats any hex-letter word as an IPv6 address (IP_ADDRESS matches
    // /^\[?[0-9a-f:]+\]?$/i without requiring a colon), so a dotless domain such as 'beef' or
    // 'cafe' escapes the "needs at least one dot" error. Authelia uses net.ParseIP and refuses it.
    it('refuses a dotless domain made of hex letters', () => {
      const text = withCookies(cookie("'cafe'", "'https://cafe'"));
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'cafe'", line: 3 },
      ]);
    });

    it('refuses a public suffix, but not a subdomain of one', () => {
      const text = withCookies(cookie("'duckdns.org'", "'https://auth.duckdns.org'"));
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'duckdns.org'", line: 3 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        "'duckdns.org' is a public suffix: browsers refuse cookies for it. Use your own subdomain of it.",
      );
      const own = withCookies(cookie("'home.duckdns.org'", "'https://auth.home.duckdns.org'"));
      assert.deepEqual(findingsOf(own, RULE), []);
    });

    it('refuses a duplicate domain and one nested in an earlier entry', () => {
      const text = withCookies(
        cookie("'example.com'", "'https://auth.example.com'") +
          cookie("'example.com'", "'https://login.example.com'") +
          cookie("'app.example.com'", "'https://auth.app.example.com'"),
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'example.com'", line: 5 },
        { ruleId: RULE, severity: 'error', text: "'app.example.com'", line: 7 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        "The cookie domain 'example.com' is listed twice.",
        "'app.example.com' lies inside the cookie domain 'example.com' of an earlier entry, which already covers it.",
      ]);
      const siblings = withCookies(
        cookie("'example.com'", "'https://auth.example.com'") +
          cookie("'myexample.com'", "'https://auth.myexample.com'"),
      );
      assert.deepEqual(findingsOf(siblings, RULE), []);
    });

    it('checks the legacy session.domain too', () => {
      const text = withSections("session:\n  domain: '*.example.com'\n");
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'*.example.com'", line: 6 },
      ]);
      assert.deepEqual(findingsOf(withSections("session:\n  domain: 'example.com'\n"), RULE), []);
    });

    // Fixed: for an empty domain Authelia reports only "option 'domain' is required" and skips
    // the scope check of authelia_url (`d.Domain != ""` guard in validateSessionCookiesURLs);
    // the rule also says authelia_url "must be inside the cookie domain ''".
    it('does not check authelia_url against an empty domain', () => {
      const text = withCookies(cookie("''", "'https://auth.example.com'"));
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "''", line: 3 },
      ]);
    });
  });

  describe('authelia_url and default_redirection_url', () => {
    it('wants authelia_url absolute, https or wss, and inside the cookie domain', () => {
      const text = withCookies(
        cookie("'example.com'", "'http://auth.example.com'") +
          cookie("'example.org'", "'auth.example.org'") +
          cookie("'example.net'", "'https://auth.example.org'") +
          cookie("'example.io'", "'wss://auth.example.io'") +
          cookie("'example.dev'", "'https://example.dev:8443/authelia/'"),
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'http://auth.example.com'", line: 4 },
        { ruleId: RULE, severity: 'error', text: "'auth.example.org'", line: 6 },
        { ruleId: RULE, severity: 'error', text: "'https://auth.example.org'", line: 8 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'authelia_url must use https or wss.',
        'authelia_url must be an absolute URL such as https://auth.example.com.',
        "authelia_url must be inside the cookie domain 'example.net'.",
      ]);
    });

    it('flags the placeholder the migration writes', () => {
      const text = withCookies(cookie("'example.com'", "'https://auth.CHANGE-ME.invalid'"));
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'https://auth.CHANGE-ME.invalid'", line: 4 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'authelia_url still holds the placeholder from the migration: write the URL of the Authelia portal.',
      );
    });

    it('wants default_redirection_url absolute, https, inside the domain and not the portal', () => {
      const text = withCookies(
        cookie("'example.com'", "'https://auth.example.com'", "'http://www.example.com'") +
          cookie("'example.org'", "'https://auth.example.org'", "'/home'") +
          cookie("'example.net'", "'https://auth.example.net'", "'https://www.example.org'") +
          cookie("'example.io'", "'https://auth.example.io'", "'https://AUTH.example.io/'") +
          cookie("'example.dev'", "'https://auth.example.dev'", "'https://www.example.dev'"),
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'http://www.example.com'", line: 5 },
        { ruleId: RULE, severity: 'error', text: "'/home'", line: 8 },
        { ruleId: RULE, severity: 'error', text: "'https://www.example.org'", line: 11 },
        { ruleId: RULE, severity: 'error', text: "'https://AUTH.example.io/'", line: 14 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'default_redirection_url must use https.',
        'default_redirection_url must be an absolute URL such as https://auth.example.com.',
        "default_redirection_url must be inside the cookie domain 'example.net'.",
        'default_redirection_url must differ from authelia_url, or users land on the portal again.',
      ]);
    });
  });

  describe('regulation', () => {
    it('refuses a find_time longer than ban_time, on the find_time key', () => {
      const text = withSections("regulation:\n  find_time: '10m'\n  ban_time: '5m'\n");
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: 'find_time', line: 6 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'regulation.find_time must not be longer than regulation.ban_time (they default to 2m and 5m).',
      );
    });

    it('compares with the default ban_time of 5m, and in any unit', () => {
      assert.deepEqual(findingsOf(withSections("regulation:\n  find_time: '6m'\n"), RULE), [
        { ruleId: RULE, severity: 'error', text: 'find_time', line: 6 },
      ]);
      assert.deepEqual(findingsOf(withSections("regulation:\n  find_time: '5m'\n"), RULE), []);
      assert.deepEqual(
        findingsOf(withSections('regulation:\n  find_time: 300\n  ban_time: 1h\n'), RULE),
        [],
      );
      assert.deepEqual(
        findingsOf(withSections("regulation:\n  find_time: '2 hours'\n  ban_time: 3600\n"), RULE),
        [{ ruleId: RULE, severity: 'error', text: 'find_time', line: 6 }],
      );
      assert.deepEqual(
        findingsOf(withSections('regulation:\n  find_time: \'{{ env "FIND" }}\'\n'), RULE),
        [],
      );
    });

    // Fixed: with only ban_time set below the default find_time of 2m, Authelia refuses to start
    // (validator/regulation.go compares after filling defaults; FACTS §9 #67), but the rule
    // returns early because there is no find_time entry.
    it('refuses a ban_time shorter than the default find_time of 2m', () => {
      const text = withSections("regulation:\n  ban_time: '1m'\n");
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: 'ban_time', line: 6 },
      ]);
    });

    // Fixed: Authelia replaces a zero ban_time with the default 5m (`BanTime <= 0` in
    // validator/regulation.go), so find_time 3m is fine; the rule compares with 0 and fires.
    it('reads ban_time 0 as the default 5m', () => {
      const text = withSections("regulation:\n  find_time: '3m'\n  ban_time: 0\n");
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });

  describe('TLS versions', () => {
    it('refuses a minimum above the maximum, in any spelling, on the minimum', () => {
      const text = withSections(
        yaml`
          session:
            redis:
              host: 'redis'
              tls:
                minimum_version: 'TLS1.3'
                maximum_version: 'TLS 1.2'
          notifier:
            smtp:
              address: 'submission://mail.example.com:587'
              sender: 'authelia@example.com'
              tls:
                minimum_version: 'tls1.2'
                maximum_version: '1.1'
          authentication_backend:
            ldap:
              implementation: 'lldap'
              tls:
                minimum_version: 'TLS1.2'
                maximum_version: 'TLS1.3'
        `,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'TLS1.3'", line: 9 },
        { ruleId: RULE, severity: 'error', text: "'tls1.2'", line: 16 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'session.redis.tls.minimum_version is above maximum_version.',
        'notifier.smtp.tls.minimum_version is above maximum_version.',
      ]);
    });

    it('refuses SSL 3.0 as a minimum, and leaves a lone minimum or template text alone', () => {
      const text = withSections(
        "session:\n  redis:\n    host: 'redis'\n    tls:\n      minimum_version: 'SSL3.0'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'SSL3.0'", line: 9 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'SSL 3.0 is not accepted as a minimum TLS version.',
      );
      assert.deepEqual(findingsOf(text.replace("'SSL3.0'", "'TLS1.3'"), RULE), []);
      const templated = text.replace(
        "'SSL3.0'",
        "'{{ env \"MIN\" }}'\n      maximum_version: 'TLS1.2'",
      );
      assert.deepEqual(findingsOf(templated, RULE), []);
    });
  });

  describe('LDAP filters', () => {
    function ldap(lines: string): string {
      return withSections(
        'authentication_backend:\n' +
          '  password_reset:\n' +
          '    disable: true\n' +
          '  ldap:\n' +
          "    address: 'ldaps://ldap.example.com'\n" +
          "    user: 'cn=authelia,dc=example,dc=com'\n" +
          "    password: 'from-a-secret'\n" +
          lines,
      );
    }

    it('stays silent on good filters and on a preset implementation without filters', () => {
      const good = ldap(
        "    users_filter: '(&({username_attribute}={input})(objectClass=person))'\n" +
          "    groups_filter: '(&(member={dn})(objectClass=groupOfNames))'\n",
      );
      assert.deepEqual(findingsOf(good, RULE), []);
      assert.deepEqual(findingsOf(ldap("    implementation: 'activedirectory'\n"), RULE), []);
      assert.deepEqual(findingsOf(ldap("    implementation: 'lldap'\n"), RULE), []);
    });

    it('wants both placeholders in users_filter, one finding each', () => {
      const onlyInput = ldap(
        "    users_filter: '(uid={input})'\n    groups_filter: '(member={dn})'\n",
      );
      assert.deepEqual(findingsOf(onlyInput, RULE), [
        { ruleId: RULE, severity: 'error', text: "'(uid={input})'", line: 12 },
      ]);
      assert.deepEqual(messagesOf(onlyInput, RULE), [
        'users_filter must contain {username_attribute}; Authelia refuses a filter without it.',
      ]);

      const onlyAttribute = ldap(
        "    users_filter: '({username_attribute}=x)'\n    groups_filter: '(member={dn})'\n",
      );
      assert.deepEqual(messagesOf(onlyAttribute, RULE), [
        'users_filter must contain {input}; Authelia refuses a filter without it.',
      ]);

      const neither = ldap(
        "    users_filter: '(objectClass=person)'\n    groups_filter: '(member={dn})'\n",
      );
      assert.deepEqual(findingsOf(neither, RULE), [
        { ruleId: RULE, severity: 'error', text: "'(objectClass=person)'", line: 12 },
        { ruleId: RULE, severity: 'error', text: "'(objectClass=person)'", line: 12 },
      ]);
      assert.deepEqual(messagesOf(neither, RULE), [
        'users_filter must contain {username_attribute}; Authelia refuses a filter without it.',
        'users_filter must contain {input}; Authelia refuses a filter without it.',
      ]);
    });

    it('wants filters in parentheses and without the old {0}/{1} placeholders', () => {
      const text = ldap(
        "    users_filter: '(&({username_attribute}={0})(objectClass=person))'\n" +
          "    groups_filter: 'member={dn}'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        {
          ruleId: RULE,
          severity: 'error',
          text: "'(&({username_attribute}={0})(objectClass=person))'",
          line: 12,
        },
        {
          ruleId: RULE,
          severity: 'error',
          text: "'(&({username_attribute}={0})(objectClass=person))'",
          line: 12,
        },
        { ruleId: RULE, severity: 'error', text: "'member={dn}'", line: 13 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'users_filter uses the old {0}/{1} placeholders: write {input} and {username} instead.',
        'users_filter must contain {input}; Authelia refuses a filter without it.',
        'groups_filter must be wrapped in parentheses.',
      ]);
    });

    it('wants both filters for the custom implementation, on the ldap key', () => {
      const implicit = ldap('');
      assert.deepEqual(findingsOf(implicit, RULE), [
        { ruleId: RULE, severity: 'error', text: 'ldap', line: 8 },
        { ruleId: RULE, severity: 'error', text: 'ldap', line: 8 },
      ]);
      assert.deepEqual(messagesOf(implicit, RULE), [
        'The custom LDAP implementation has no default users_filter: write one, or pick the implementation ' +
          'that matches your directory (activedirectory, freeipa, lldap, ...).',
        'The custom LDAP implementation has no default groups_filter: write one, or pick the implementation ' +
          'that matches your directory (activedirectory, freeipa, lldap, ...).',
      ]);
      const explicit = ldap(
        "    implementation: 'custom'\n    users_filter: '({username_attribute}={input})'\n",
      );
      assert.deepEqual(findingsOf(explicit, RULE), [
        { ruleId: RULE, severity: 'error', text: 'ldap', line: 8 },
      ]);
      assert.match(messagesOf(explicit, RULE)[0], /no default groups_filter/);
    });

    it('accepts template text as a filter', () => {
      const text = ldap(
        '    users_filter: \'{{ env "USERS_FILTER" }}\'\n    groups_filter: \'{{ env "GROUPS_FILTER" }}\'\n',
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    it('wants a memberof placeholder with group_search_mode memberof', () => {
      const text = ldap(
        "    implementation: 'activedirectory'\n    group_search_mode: 'memberof'\n    groups_filter: '(member={dn})'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'memberof'", line: 13 },
      ]);
      assert.deepEqual(
        findingsOf(text.replace('(member={dn})', '(&(|{memberof:rdn})(objectClass=group))'), RULE),
        [],
      );
    });

    // Fixed: an empty filter is "not set": Authelia fills in the implementation's default
    // (ldapImplementationShouldSetStr) and never checks parentheses or placeholders on ''.
    // The rule reports three errors on `users_filter: ''` with implementation activedirectory.
    it('treats an empty filter of a preset implementation as its default', () => {
      const text = ldap(
        "    implementation: 'activedirectory'\n    users_filter: ''\n    groups_filter: ''\n",
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    it('wants password reset off with an unauthenticated bind', () => {
      const text = withSections(
        yaml`
          authentication_backend:
            ldap:
              address: 'ldaps://ldap.example.com'
              implementation: 'lldap'
              permit_unauthenticated_bind: true
        `,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: 'permit_unauthenticated_bind', line: 9 },
      ]);
      const off = text.replace(
        'authentication_backend:\n',
        'authentication_backend:\n  password_reset:\n    disable: true\n',
      );
      assert.deepEqual(findingsOf(off, RULE), []);
    });
  });

  describe('TOTP', () => {
    it('wants 6 or 8 digits, in digits and allowed_digits', () => {
      const text = withSections('totp:\n  digits: 7\n  allowed_digits: [6, 8, 10]\n');
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: '7', line: 6 },
        { ruleId: RULE, severity: 'error', text: '10', line: 7 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'TOTP codes have 6 or 8 digits.',
        'TOTP codes have 6 or 8 digits.',
      ]);
      assert.deepEqual(
        findingsOf(withSections("totp:\n  digits: 8\n  allowed_digits: [6, '8']\n"), RULE),
        [],
      );
      assert.deepEqual(
        findingsOf(
          withSections('totp:\n  digits: \'{{ env "DIGITS" }}\'\n  allowed_digits:\n'),
          RULE,
        ),
        [],
      );
    });

    // Fixed: Authelia reads `digits: 0` as "use the default" (6), like every zero with a default
    // (validateTOTPValueSetDigits: `if DefaultDigits == 0 { default }`); the rule refuses it.
    it('reads digits 0 as the default', () => {
      assert.deepEqual(findingsOf(withSections('totp:\n  digits: 0\n'), RULE), []);
    });

    it('refuses a period under 15 seconds, and leaves 0 to the default', () => {
      const text = withSections('totp:\n  period: 10\n');
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: '10', line: 6 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'totp.period must be at least 15; Authelia refuses 10.',
      );
      assert.deepEqual(findingsOf(withSections('totp:\n  period: 0\n'), RULE), []);
      assert.deepEqual(findingsOf(withSections('totp:\n  period: 15\n'), RULE), []);
    });
  });

  describe('WebAuthn switches', () => {
    it('refuses passkey login with WebAuthn disabled, and experiments without passkey login', () => {
      const text = withSections(
        yaml`
          webauthn:
            disable: true
            enable_passkey_login: true
          ntp:
            max_desync: '3s'
        `,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: 'enable_passkey_login', line: 7 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'Passkey login needs WebAuthn, but webauthn.disable is true.',
      );

      const experiments = withSections(
        'webauthn:\n  experimental_enable_passkey_uv_two_factors: true\n  experimental_enable_passkey_upgrade: true\n',
      );
      assert.deepEqual(findingsOf(experiments, RULE), [
        {
          ruleId: RULE,
          severity: 'error',
          text: 'experimental_enable_passkey_uv_two_factors',
          line: 6,
        },
        { ruleId: RULE, severity: 'error', text: 'experimental_enable_passkey_upgrade', line: 7 },
      ]);
      const on = experiments.replace('webauthn:\n', 'webauthn:\n  enable_passkey_login: true\n');
      assert.deepEqual(findingsOf(on, RULE), []);
    });

    it('warns about discouraged discoverability with passkey login only', () => {
      const text = withSections(
        "webauthn:\n  enable_passkey_login: true\n  selection_criteria:\n    discoverability: 'discouraged'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'discoverability', line: 8 },
      ]);
      assert.deepEqual(
        findingsOf(text.replace('enable_passkey_login: true', 'enable_passkey_login: false'), RULE),
        [],
      );
    });

    it('refuses permitted and prohibited AAGUIDs together, but not an empty list beside the other', () => {
      const both = withSections(
        "webauthn:\n  filtering:\n    permitted_aaguids: ['ee882879-721c-4913-9775-3dfcce97072a']\n" +
          "    prohibited_aaguids: ['cb69481e-8ff7-4039-93ec-0a2729a154a8']\n",
      );
      assert.deepEqual(findingsOf(both, RULE), [
        { ruleId: RULE, severity: 'error', text: 'prohibited_aaguids', line: 8 },
      ]);
      const empty = both.replace(/permitted_aaguids: \[[^\]]*\]/, 'permitted_aaguids: []');
      assert.deepEqual(findingsOf(empty, RULE), []);
    });
  });

  describe('URLs that must be https', () => {
    it('wants an http or https password reset page', () => {
      const text = withSections(
        "authentication_backend:\n  password_reset:\n    custom_url: 'ftp://reset.example.com'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'ftp://reset.example.com'", line: 7 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'authentication_backend.password_reset.custom_url must be an absolute http or https URL.',
      );
      assert.deepEqual(findingsOf(text.replace('ftp:', 'http:'), RULE), []);
      assert.deepEqual(findingsOf(text.replace("'ftp://reset.example.com'", "''"), RULE), []);
    });

    it('wants an https privacy policy when it is enabled', () => {
      const text = withSections(
        "privacy_policy:\n  enabled: true\n  policy_url: 'http://example.com/privacy'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'http://example.com/privacy'", line: 7 },
      ]);
      assert.deepEqual(findingsOf(text.replace('http:', 'https:'), RULE), []);
    });

    // Fixed: Authelia checks policy_url only when the privacy policy is enabled
    // (validator/privacy_policy.go returns early on !Enabled); the rule refuses it regardless.
    it('leaves the policy URL of a disabled privacy policy alone', () => {
      const text = withSections(
        "privacy_policy:\n  enabled: false\n  policy_url: 'http://example.com/privacy'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });

  describe('switches Authelia warns about', () => {
    it('warns about pprof, expvars and disabled STARTTLS when on', () => {
      const text = withSections(
        yaml`
          server:
            endpoints:
              enable_pprof: true
              enable_expvars: true
          notifier:
            smtp:
              address: 'smtp://mail.example.com:25'
              sender: 'authelia@example.com'
              disable_starttls: true
        `,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'enable_pprof', line: 7 },
        { ruleId: RULE, severity: 'warning', text: 'enable_expvars', line: 8 },
        { ruleId: RULE, severity: 'warning', text: 'disable_starttls', line: 13 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        'server.endpoints.enable_pprof exposes profiling data; keep it off in production.',
        'server.endpoints.enable_expvars exposes internal variables; keep it off in production.',
        'notifier.smtp.disable_starttls sends mail, and any reset link, without encryption.',
      ]);
      assert.deepEqual(findingsOf(text.replace(/: true/g, ': false'), RULE), []);
    });
  });

  describe('numbers out of bounds', () => {
    it('refuses a Redis port above 65535', () => {
      const text = withSections("session:\n  redis:\n    host: 'redis'\n    port: 70000\n");
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: '70000', line: 8 },
      ]);
      assert.deepEqual(findingsOf(text.replace('70000', '6379'), RULE), []);
    });
  });

  describe('OpenID Connect clients', () => {
    function clients(list: string, extra = ''): string {
      return withSections(
        'identity_providers:\n' +
          '  oidc:\n' +
          '    jwks:\n' +
          '      - key: \'{{ secret "/keys/oidc.pem" | mindent 10 "|" | msquote }}\'\n' +
          extra +
          '    clients:\n' +
          list,
      );
    }
    const DIGEST =
      "'$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng'";

    it('stays silent on hashed secrets, public clients and known policies', () => {
      const text = clients(
        `      - client_id: 'app'\n        client_secret: ${DIGEST}\n        authorization_policy: 'two_factor'\n` +
          "      - client_id: 'spa'\n        public: true\n        authorization_policy: 'internal'\n" +
          "        jwks_uri: 'https://spa.example.com/jwks.json'\n",
        "    authorization_policies:\n      internal:\n        default_policy: 'two_factor'\n" +
          "        rules:\n          - policy: 'one_factor'\n            subject: 'group:admins'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    it('warns about a plain-text client_secret on its key and never prints the secret', () => {
      const text = clients(
        "      - client_id: 'app'\n        client_secret: 'Sup3r-Secret-Plain-Value'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'client_secret', line: 11 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'client_secret is stored as plain text; store a digest made with authelia crypto hash generate.',
      );
      for (const finding of lint(text).findings) {
        assert.doesNotMatch(
          finding.message,
          /Sup3r-Secret-Plain-Value/,
          `${finding.ruleId} prints the secret`,
        );
      }
    });

    it('accepts a plain-text secret that client_secret_jwt needs, and template text', () => {
      const text = clients(
        "      - client_id: 'app'\n        client_secret: 'a-plain-shared-secret'\n" +
          "        token_endpoint_auth_method: 'client_secret_jwt'\n" +
          "      - client_id: 'other'\n        client_secret: '{{ secret \"/secrets/other\" }}'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    // Fixed: '$plaintext$…' is not a digest: Authelia decodes it to a plaintext.Digest, so
    // IsPlainText() is true and it warns exactly as for a bare secret (schema/types.go,
    // validator/identity_providers.go). The DIGEST pattern in oidc.ts lists plaintext and base64.
    it('warns about a $plaintext$ secret like a bare one', () => {
      const text = clients(
        "      - client_id: 'app'\n        client_secret: '$plaintext$Sup3r-Secret'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'warning', text: 'client_secret', line: 11 },
      ]);
    });

    it('refuses a client_secret on a public client, on the key', () => {
      const text = clients(
        `      - client_id: 'spa'\n        public: true\n        client_secret: ${DIGEST}\n`,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: 'client_secret', line: 12 },
      ]);
      assert.equal(
        onlyFinding(text, RULE).message,
        'A public client must not have a client_secret.',
      );
    });

    // A confidential client (not public) without client_secret is refused by Authelia (FACTS §9
    // #99); clients cannot get secrets from the environment, so it is config/required.
    it('refuses a confidential client without client_secret', () => {
      const text = clients(
        "      - client_id: 'app'\n        authorization_policy: 'one_factor'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), []);
      const secretMissing = (input: string) =>
        lint(input)
          .findings.filter((finding) => finding.message.includes('client_secret is required'))
          .map((finding) => see(input, finding));
      assert.deepEqual(secretMissing(text), [
        { ruleId: 'config/required', severity: 'error', text: 'client_id', line: 10 },
      ]);
      assert.deepEqual(
        secretMissing(text.replace("authorization_policy: 'one_factor'", 'public: true')),
        [],
      );
    });

    it('refuses a duplicate or overlong client_id, also under the legacy id key', () => {
      const long = 'c'.repeat(101);
      const text = clients(
        `      - client_id: 'app'\n        public: true\n      - id: 'app'\n        public: true\n` +
          `      - client_id: '${long}'\n        public: true\n      - client_id: '${'d'.repeat(100)}'\n        public: true\n`,
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'app'", line: 12 },
        { ruleId: RULE, severity: 'error', text: `'${long}'`, line: 14 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        "The client_id 'app' is used by two clients.",
        'A client_id may be at most 100 characters long.',
      ]);
    });

    it('refuses an authorization_policy that is not defined, and a jwks_uri without https', () => {
      const text = clients(
        "      - client_id: 'spa'\n        public: true\n        authorization_policy: 'three_factor'\n" +
          "        jwks_uri: 'http://spa.example.com/jwks.json'\n" +
          "      - client_id: 'other'\n        public: true\n        authorization_policy: '{{ env \"POLICY\" }}'\n",
      );
      assert.deepEqual(findingsOf(text, RULE), [
        { ruleId: RULE, severity: 'error', text: "'three_factor'", line: 12 },
        { ruleId: RULE, severity: 'error', text: "'http://spa.example.com/jwks.json'", line: 13 },
      ]);
      assert.deepEqual(messagesOf(text, RULE), [
        "authorization_policy 'three_factor' is neither one_factor, two_factor nor a policy under authorization_policies.",
        'jwks_uri must be an https URL.',
      ]);
    });
  });
});

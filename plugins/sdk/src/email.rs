//! E-mail addresses (`pd:EmailAddress`).
//!
//! The practical subset of RFC 5321 that people write: a local part of
//! letters, digits and `. _ % + -` (at most 64, not starting or ending with a
//! dot), `@`, and a domain of at least two labels (letters, digits, inner
//! hyphens, at most 63 each) whose last label — the top-level domain — is
//! alphabetic and 2–24 long. Quoted local parts and IP-literal domains are
//! not recognised: they do not occur in customer data. Retina image names
//! such as `logo@2x.png` and scp-style git remotes
//! (`git@github.com:org/repo.git`) are not addresses.

use crate::bytes::{at, is_alnum, is_alpha, trimmed};

/// Whether the whole (trimmed) value is one e-mail address.
///
/// ```
/// use ropa_plugin_sdk::email::is_email;
/// assert!(is_email("jan.de-vries+news@example.co.uk"));
/// assert!(!is_email("jan@localhost"));
/// ```
pub fn is_email(value: &str) -> bool {
    let t = trimmed(value);
    let Some(a) = t.iter().position(|&b| b == b'@') else {
        return false;
    };
    matches!(find_at(t, a, 0), Some((0, e)) if e == t.len())
}

#[inline(always)]
fn is_local(b: u8) -> bool {
    is_alnum(b) || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// File extensions that look like a top-level domain after an `@` in names
/// such as `icon@2x.png`.
const FILE_EXTENSIONS: [&[u8]; 11] = [
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"bmp", b"ico", b"css", b"js", b"ts",
];

/// The address around the `@` at `a`, as `(start, end)`, not starting before
/// `min_start` (the end of the previous match in a text).
pub(crate) fn find_at(t: &[u8], a: usize, min_start: usize) -> Option<(usize, usize)> {
    // Local part, backwards from the '@'.
    let mut s = a;
    while s > min_start && is_local(t[s - 1]) {
        s -= 1;
        if a - s > 64 {
            return None;
        }
    }
    while s < a && t[s] == b'.' {
        s += 1;
    }
    if s == a || t[a - 1] == b'.' {
        return None;
    }

    // Domain: labels separated by single dots.
    let mut e = a + 1;
    let mut labels = 0;
    let mut last: (usize, usize);
    loop {
        let l = e;
        while is_alnum(at(t, e)) || at(t, e) == b'-' {
            e += 1;
        }
        if e == l || e - l > 63 || t[l] == b'-' || t[e - 1] == b'-' {
            return None;
        }
        labels += 1;
        last = (l, e);
        if at(t, e) == b'.' && is_alnum(at(t, e + 1)) {
            e += 1;
        } else {
            break;
        }
    }
    let tld = &t[last.0..last.1];
    if labels < 2
        || e - a - 1 > 253
        || !(2..=24).contains(&tld.len())
        || !tld.iter().all(|&b| is_alpha(b))
        || at(t, e) == b'@'
    {
        return None;
    }
    if FILE_EXTENSIONS.iter().any(|x| tld.eq_ignore_ascii_case(x)) {
        return None;
    }
    // "git@github.com:org/repo.git" is an scp-style remote, not an address.
    if at(t, e) == b':' && (is_alnum(at(t, e + 1)) || at(t, e + 1) == b'/') {
        return None;
    }
    Some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_addresses() {
        for v in [
            "jan@example.nl",
            "  J.de.Vries@Example.NL ",
            "info+nieuwsbrief@ismt.nl",
            "a_b-c%d@sub.domain.example.com",
            "x@y.museum",
            "1234567890@kpnmail.nl",
            "user@xn--bcher-kva.example",
        ] {
            assert!(is_email(v), "{v}");
        }
    }

    #[test]
    fn rejects_non_addresses() {
        for v in [
            "",
            "@",
            "jan",
            "jan@",
            "@example.nl",
            "jan@localhost",
            "jan@example",
            "jan@example.n",
            "jan@example.123",
            "jan..@example.nl",
            "jan@-example.nl",
            "jan@example-.nl",
            "jan@@example.nl",
            "jan@example..nl",
            "jan@exa mple.nl",
            "logo@2x.png",
            "icon@3x.svg",
            "jan@example.nl extra",
            "mailto jan@example.nl",
            "a@b@c.nl",
            "git@github.com:ismt/webshop.git",
        ] {
            assert!(!is_email(v), "{v:?}");
        }
        let long_local = format!("{}@example.nl", "a".repeat(65));
        assert!(!is_email(&long_local));
        let ok_local = format!("{}@example.nl", "a".repeat(64));
        assert!(is_email(&ok_local));
    }

    #[test]
    fn finds_inside_text() {
        let t = b"Mail (jan.jansen@example.nl) of mailto:piet@test.org.";
        let a = t.iter().position(|&b| b == b'@').unwrap();
        assert_eq!(find_at(t, a, 0), Some((6, 27)));
        let a2 = a + 1 + t[a + 1..].iter().position(|&b| b == b'@').unwrap();
        let (s, e) = find_at(t, a2, 0).unwrap();
        assert_eq!(&t[s..e], b"piet@test.org");
    }
}

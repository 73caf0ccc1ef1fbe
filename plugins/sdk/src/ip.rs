//! IP addresses (`pd:IPAddress`).
//!
//! - IPv4: four decimal octets 0–255 without leading zeros (`192.168.1.10`),
//!   the first not 0; in text it may carry a port (`10.0.0.1:8080`). Dotted
//!   numbers with more parts (`1.2.3.4.5`) are not addresses, nor, in text,
//!   four single digits (`2.1.4.3`, a section number).
//! - IPv6: up to eight groups of 1–4 hex digits, at most one `::`, an
//!   optional trailing IPv4 (`::ffff:192.0.2.1`). Eight groups without `::`,
//!   or at least two groups with it — so clock times (`12:30:45`), MAC
//!   addresses (six groups) and `std::io` are not addresses. The unspecified
//!   `::` alone is not reported.

use crate::bytes::{at, end_ok, is_alnum, is_digit, is_hex, trimmed};

/// Whether the whole (trimmed) value is an IPv4 address.
///
/// ```
/// use ropa_plugin_sdk::ip::is_ipv4;
/// assert!(is_ipv4("192.168.1.10"));
/// assert!(!is_ipv4("256.1.1.1"));
/// ```
pub fn is_ipv4(value: &str) -> bool {
    let t = trimmed(value);
    parse_v4(t, 0) == Some(t.len())
}

/// Whether the whole (trimmed) value is an IPv6 address.
///
/// ```
/// use ropa_plugin_sdk::ip::is_ipv6;
/// assert!(is_ipv6("2001:db8::8a2e:370:7334"));
/// assert!(!is_ipv6("12:30:45"));
/// ```
pub fn is_ipv6(value: &str) -> bool {
    let t = trimmed(value);
    parse_v6(t, 0) == Some(t.len())
}

/// Four octets at `i`, returning their end (no boundary check).
fn parse_v4(t: &[u8], i: usize) -> Option<usize> {
    let mut p = i;
    for k in 0..4 {
        if k > 0 {
            if at(t, p) != b'.' {
                return None;
            }
            p += 1;
        }
        let s = p;
        let mut v = 0u32;
        while is_digit(at(t, p)) && p - s < 3 {
            v = v * 10 + u32::from(t[p] - b'0');
            p += 1;
        }
        let len = p - s;
        if len == 0 || v > 255 || (len > 1 && t[s] == b'0') || (k == 0 && v == 0) {
            return None;
        }
    }
    Some(p)
}

/// An IPv4 address in text at `i`; returns its end. A port may follow.
/// Four single digits (`2.1.4.3`) are a section number in text, not an
/// address (the few such addresses, like `8.8.8.8`, are public resolvers,
/// not anyone's personal data).
pub(crate) fn match_v4(t: &[u8], i: usize) -> Option<usize> {
    let e = parse_v4(t, i)?;
    if e - i == 7 {
        return None;
    }
    let n = at(t, e);
    let ok = if n == b':' {
        !is_alnum(at(t, e + 1)) || port_ok(t, e + 1)
    } else {
        end_ok(t, e)
    };
    ok.then_some(e)
}

fn port_ok(t: &[u8], i: usize) -> bool {
    let mut p = i;
    while is_digit(at(t, p)) && p - i < 6 {
        p += 1;
    }
    p > i && p - i <= 5 && !is_alnum(at(t, p))
}

/// Groups of an IPv6 address at `i`, returning their end (no boundary
/// check).
fn parse_v6(t: &[u8], i: usize) -> Option<usize> {
    let mut p = i;
    let mut groups = 0u32;
    let mut compressed = false;
    if at(t, p) == b':' {
        if at(t, p + 1) != b':' {
            return None;
        }
        compressed = true;
        p += 2;
    }
    loop {
        let s = p;
        while is_hex(at(t, p)) && p - s < 5 {
            p += 1;
        }
        let len = p - s;
        if len == 0 {
            // Only right after "::" (a trailing "::").
            if !compressed || p < 2 || t[p - 1] != b':' {
                return None;
            }
            break;
        }
        if len > 4 {
            return None;
        }
        if at(t, p) == b'.' && is_digit(at(t, p + 1)) && t[s..p].iter().all(|&b| is_digit(b)) {
            // An IPv4 address as the last 32 bits.
            p = parse_v4(t, s)?;
            groups += 2;
            break;
        }
        groups += 1;
        if at(t, p) == b':' {
            if at(t, p + 1) == b':' {
                if compressed {
                    return None;
                }
                compressed = true;
                p += 2;
                continue;
            }
            if is_hex(at(t, p + 1)) {
                p += 1;
                continue;
            }
            return None;
        }
        break;
    }
    let ok = if compressed {
        (2..=7).contains(&groups)
    } else {
        groups == 8
    };
    ok.then_some(p)
}

/// An IPv6 address in text at `i`; returns its end.
pub(crate) fn match_v6(t: &[u8], i: usize) -> Option<usize> {
    let e = parse_v6(t, i)?;
    let n = at(t, e);
    (!is_hex(n) && n != b':' && end_ok(t, e)).then_some(e)
}

/// Where an IPv6 address containing the `:` at `c` would start: up to four
/// hex digits back, or `c` itself for a leading `::`.
pub(crate) fn v6_start(t: &[u8], c: usize) -> usize {
    let mut s = c;
    while s > 0 && c - s < 4 && is_hex(t[s - 1]) {
        s -= 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4() {
        for v in [
            "192.168.1.10",
            "8.8.8.8",
            "255.255.255.255",
            "10.0.0.1",
            " 1.2.3.4 ",
        ] {
            assert!(is_ipv4(v), "{v}");
        }
        for v in [
            "",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1.2.3.04",
            "0.0.0.0",
            "1.2.3.4a",
            "1..2.3",
            "1.2.3.4.",
            "1234.1.1.1",
            "a.b.c.d",
        ] {
            assert!(!is_ipv4(v), "{v:?}");
        }
    }

    #[test]
    fn ipv4_in_text() {
        assert_eq!(match_v4(b"10.0.0.1:8080 open", 0), Some(8));
        assert_eq!(match_v4(b"1.2.3.4.5", 0), None);
        assert_eq!(match_v4(b"11.2.3.4.", 0), Some(8));
        assert_eq!(match_v4(b"zie 2.1.4.3 hierboven", 4), None);
    }

    #[test]
    fn ipv6() {
        for v in [
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "2001:db8:85a3::8a2e:370:7334",
            "2001:db8::1",
            "fe80::1ff:fe23:4567:890a",
            "::ffff:192.0.2.1",
            "2001:db8::",
            "::1:2",
            "FE80::0202:B3FF:FE1E:8329",
        ] {
            assert!(is_ipv6(v), "{v}");
            let text = format!("van {v}.");
            assert_eq!(
                match_v6(text.as_bytes(), 4),
                Some(4 + v.len()),
                "{v} before a full stop"
            );
        }
        for v in [
            "",
            "::",
            "::1",
            "12:30:45",
            "00:1A:2B:3C:4D:5E",
            "std::io",
            "2001:db8:85a3:0:0:8a2e:370",
            "2001:db8:85a3:0:0:8a2e:370:7334:1",
            "2001::db8::1",
            "2001:db8::12345",
            "2001:db8::g",
            "1:2:3:4:5:6:7:8:",
            ":1:2:3:4:5:6:7",
        ] {
            assert!(!is_ipv6(v), "{v:?}");
        }
    }
}

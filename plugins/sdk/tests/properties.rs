//! Property-style checks over generated input: the scanners never panic,
//! never report overlapping or out-of-bounds ranges, find every planted
//! value, and agree between whole-value and free-text detection.

use ropa_plugin_sdk::{Kind, count_text, detect_value, scan_bytes, scan_text};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Bytes biased towards the ones the detectors care about.
const ALPHABET: &[u8] =
    b"0123456789012345678901234567890123456789 .-/:@+()_,ABNLSabcdefxyz\n\xc3\xa9";

#[test]
fn random_bytes_never_panic_and_ranges_are_sane() {
    // SDK_FUZZ_ITERS raises the count for a longer run (e.g. 2000000 with
    // --release).
    let iters: u64 = std::env::var("SDK_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let mut rng = Rng(7);
    for _ in 0..iters {
        let len = rng.below(200) as usize;
        let t: Vec<u8> = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize])
            .collect();
        let mut last = 0;
        scan_bytes(&t, |m| {
            assert!(
                m.start >= last,
                "overlap in {:?}",
                String::from_utf8_lossy(&t)
            );
            assert!(m.start < m.end && m.end <= t.len());
            assert!((0.0..=1.0).contains(&m.confidence));
            last = m.end;
        });
        if let Ok(s) = std::str::from_utf8(&t) {
            let _ = detect_value(s);
            for k in Kind::ALL {
                let _ = k.matches_value(s);
            }
        }
    }
}

#[test]
fn truncations_never_panic() {
    // Every prefix of values that the matchers read far ahead in.
    for v in [
        "NL91 ABNA 0417 1643 00",
        "+31 (0)20 123 4567",
        "4111 1111 1111 1111",
        "3782 822463 10005",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "::ffff:192.0.2.1",
        "jan.de.vries@example.co.uk",
        "12 september 1985",
        "1985-03-12T10:15:30.123+01:00",
        "1234.56.782",
    ] {
        for end in 0..=v.len() {
            if let Some(s) = v.get(..end) {
                let _ = detect_value(s);
                scan_text(s, |_| {});
            }
        }
    }
}

/// Values that match as a whole are found once when placed in a sentence.
#[test]
fn whole_values_are_found_in_text() {
    let values = [
        "jan@example.nl",
        "06-12345678",
        "+44 20 7946 0958",
        "NL91ABNA0417164300",
        "DE89 3704 0044 0532 0130 00",
        "111222333",
        "5555 5555 5555 4444",
        "1234 AB",
        "8.8.4.40",
        "fe80::1ff:fe23:4567:890a",
        "3 oktober 1970",
    ];
    for v in values {
        let kinds: Vec<Kind> = detect_value(v).iter().collect();
        assert_eq!(kinds.len(), 1, "{v}");
        for text in [
            v.to_string(),
            format!("Zie {v}."),
            format!("({v})"),
            format!("x {v}, y"),
            format!("\"{v}\""),
        ] {
            let mut found = Vec::new();
            scan_text(&text, |m| found.push((m.kind, &text[m.start..m.end])));
            assert_eq!(found, vec![(kinds[0], v)], "{text:?}");
        }
    }
}

/// Generated valid and invalid numbers: every valid BSN, IBAN and card
/// number is found in text, none of the invalid ones.
#[test]
fn checksums_decide_in_text() {
    let mut rng = Rng(42);
    let mut text = String::new();
    let (mut valid, mut invalid) = (0u64, 0u64);
    for _ in 0..2_000 {
        // BSN
        let d: Vec<u32> = (0..8).map(|_| rng.below(10) as u32).collect();
        let sum: u32 = d.iter().enumerate().map(|(k, v)| (9 - k as u32) * v).sum();
        if sum % 11 == 10 || sum == 0 {
            continue;
        }
        let body: String = d.iter().map(|v| char::from(b'0' + *v as u8)).collect();
        let good = sum % 11;
        let bad = (good + 1 + rng.below(9) as u32) % 10;
        if bad == good {
            continue;
        }
        text.push_str(&format!("bsn {body}{good} en {body}{bad}. "));
        valid += 1;
        invalid += 1;
    }
    let c = count_text(&text);
    assert_eq!(c.get(Kind::Bsn), valid);
    assert_eq!(c.total(), valid, "{invalid} invalid numbers must not match");
}

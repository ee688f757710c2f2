//! Event identifiers: `urn:uuid:` + a version 4 UUID (RFC 4122), which the
//! Caliper 1.2 Event `id` must be.
//!
//! The engine has no OS randomness, so the host supplies it: either as 16
//! random bytes per id ([`uuid_v4`]) or as a seed for [`RngIds`].

use serde::{Deserialize, Serialize};

use crate::random::Rng;

/// A source of fresh `urn:uuid:<v4>` identifiers.
pub trait IdSource {
    fn next_id(&mut self) -> String;
}

/// Format 16 random bytes as a version 4 UUID URN, setting the version
/// (`0100`) and variant (`10xx`) bits.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0F) | 0x40;
    bytes[8] = (bytes[8] & 0x3F) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `s` is `urn:uuid:` followed by a lower- or upper-case version 4
/// UUID with the RFC 4122 variant.
pub fn is_uuid_v4_urn(s: &str) -> bool {
    let Some(u) = s.strip_prefix("urn:uuid:") else {
        return false;
    };
    let b = u.as_bytes();
    if b.len() != 36 {
        return false;
    }
    for (i, c) in b.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        };
        if !ok {
            return false;
        }
    }
    b[14] == b'4' && matches!(b[19], b'8' | b'9' | b'a' | b'b' | b'A' | b'B')
}

/// Identifiers from the engine's seeded generator. Serializable, so a
/// browser player can persist it with the sensor state.
///
/// Hosts must seed it from a cryptographic source (`crypto.getRandomValues`
/// in the browser, `getrandom` natively) and must not reuse a seed: two
/// generators with the same seed produce the same ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RngIds {
    rng: Rng,
}

impl RngIds {
    pub fn new(seed: u64) -> Self {
        RngIds {
            rng: Rng::new(seed),
        }
    }

    /// Seed from 16 host-provided random bytes (mixed into one seed).
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        let hi = u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"));
        let lo = u64::from_le_bytes(bytes[8..].try_into().expect("8 bytes"));
        Self::new(hi ^ lo.rotate_left(29))
    }
}

impl IdSource for RngIds {
    fn next_id(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.rng.next_u64().to_le_bytes());
        uuid_v4(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_variant_bits() {
        let id = uuid_v4([0xFF; 16]);
        assert_eq!(id, "urn:uuid:ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid_v4_urn(&id));
        let id = uuid_v4([0; 16]);
        assert_eq!(id, "urn:uuid:00000000-0000-4000-8000-000000000000");
        assert!(is_uuid_v4_urn(&id));
        assert!(!is_uuid_v4_urn(
            "urn:uuid:00000000-0000-1000-8000-000000000000"
        ));
        assert!(!is_uuid_v4_urn(
            "urn:uuid:00000000-0000-4000-c000-000000000000"
        ));
    }

    #[test]
    fn rng_ids_are_distinct_v4() {
        let mut ids = RngIds::new(7);
        let a = ids.next_id();
        let b = ids.next_id();
        assert_ne!(a, b);
        assert!(is_uuid_v4_urn(&a) && is_uuid_v4_urn(&b));
    }
}

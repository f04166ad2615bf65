use super::json::{to_json, ToJson};

/// A stable fingerprint of some content (FNV-1a, 64 bits, over its JSON).
///
/// A confirmation stores the fingerprint of what it confirmed, so "changed
/// since agreed" is derived by comparing fingerprints, never stored.
pub fn content_hash(content: &dyn ToJson) -> String {
    format!("{:016x}", fnv1a(FNV_OFFSET, &to_json(content)))
}

/// FNV-1a's usual starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV-1a hash of `text`, started from `seed`.
pub fn fnv1a(seed: u64, text: &str) -> u64 {
    text.bytes().fold(seed, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_content_same_hash_and_any_change_moves_it() {
        assert_eq!(content_hash(&"purpose"), content_hash(&"purpose"));
        assert_ne!(content_hash(&"purpose"), content_hash(&"purpose."));
        assert_eq!(content_hash(&"").len(), 16);
    }
}

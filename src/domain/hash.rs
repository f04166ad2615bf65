use super::json::{to_json, ToJson};

/// A stable fingerprint of some content (FNV-1a, 64 bits, over its JSON).
///
/// A confirmation stores the fingerprint of what it confirmed, so "changed
/// since agreed" is derived by comparing fingerprints, never stored.
pub fn content_hash(content: &dyn ToJson) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in to_json(content).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
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

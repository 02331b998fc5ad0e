//! A fast, non-cryptographic hasher for short keys (the Fx hash of rustc: rotate, xor,
//! multiply per machine word), for the look-ups of words in the lexicon data. Keys come from
//! the lexicons, so no defence against crafted collisions is needed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The Fx hasher: one rotate, xor and multiply per 8 bytes of input.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((head, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*head));
            bytes = rest;
        }
        if let Some((head, rest)) = bytes.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*head)));
            bytes = rest;
        }
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // the multiply leaves its best bits at the top; the table indexes with the low ones
        self.hash.rotate_left(26)
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;
/// A `HashMap` with the Fx hasher.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;
/// A `HashSet` with the Fx hasher.
pub(crate) type FxHashSet<T> = HashSet<T, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_find_their_words() {
        let words = ["", "a", "der", "cua", "nguoi", "tambien", "chuyen doi so", "über"];
        let set: FxHashSet<String> = words.iter().map(|w| w.to_string()).collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        assert!(!set.contains("de") && !set.contains("ngu") && !set.contains("chuyen doi"));
    }

    #[test]
    fn hashes_differ_for_close_words() {
        use std::hash::BuildHasher;
        let b = FxBuildHasher::default();
        let h: HashSet<u64> = ["die", "der", "das", "den", "dem", "des", "de", "d", "dies"]
            .map(|w| b.hash_one(w))
            .into();
        assert_eq!(h.len(), 9);
    }
}

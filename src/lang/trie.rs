//! A byte trie for anchored lookups: every pattern that starts at a given position.
//!
//! Most lexicon entries start a word, so they are looked up from word starts only: a walk of
//! a few bytes per word instead of an automaton step for every byte of the text. Text written
//! without spaces (Chinese) is looked up from every character. The trie is a double array:
//! one step is an addition and a comparison, whatever the number of children (Han text has
//! nodes with dozens).

/// No pattern ends at a node / no node owns a slot.
const NONE: u32 = u32::MAX;

/// The bit of [`Slot::base`] that tells that a pattern ends at the node.
const ENDS: u32 = 1 << 31;

/// One slot of the double array: a node, if a node owns it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// the node's children sit at `base + byte` (without the bit [`ENDS`]); no two nodes
    /// with children share a base, and the others have base 0, which no node has
    base: u32,
    /// the base of the parent node owning this slot (`NONE` if free)
    check: u32,
}

const FREE: Slot = Slot { base: 0, check: NONE };

/// A trie over byte strings as a double array.
///
/// The root is slot 0; the child of node `n` for byte `b` is slot `base(n) + b` if that
/// slot's label is `b`. As no two nodes with children share a base, the label alone tells
/// the slot's parent: a slot `base(m) + b` labelled `b` belongs to `m`, so `m` is `n`. Every
/// `base + 255` is a slot. A slot is one `u32` (see [`packed`]): the steps of a walk are
/// loads that depend on one another, and the smaller the slots, the more of them stay in
/// the nearer caches.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTrie {
    slots: Vec<u32>,
    /// the tails: for a node below which only one pattern ends, further down, the bytes
    /// from it to that end, each tail its length (one byte) and its bytes; a slot marked
    /// [`P_TAIL`] holds its tail's offset where others hold a base
    tails: Vec<u8>,
    /// by slot: the pattern that ends at the node (read only for slots marked [`P_ENDS`])
    patterns: Vec<u32>,
    /// the base of the root
    root_base: u32,
}

/// A packed slot: bits 0-8 the label (the byte of the edge from the parent; [`P_FREE`] for
/// a slot no node owns, which no byte equals), bit 9 [`P_ENDS`], bit 10 [`P_TAIL`], bits
/// 11-31 the base of the node's children (0 for a node without children, which no node has
/// as base), or for a tail node the offset of its tail.
fn packed(label: u32, ends: bool, tail: bool, base: u32) -> u32 {
    label | if ends { P_ENDS } else { 0 } | if tail { P_TAIL } else { 0 } | base << P_BASE_SHIFT
}

/// The label bits of a packed slot.
const P_LABEL: u32 = 0x1FF;
/// The label of a slot that no node owns.
const P_FREE: u32 = 0x100;
/// A pattern ends at the node.
const P_ENDS: u32 = 1 << 9;
/// The node's tail follows: one pattern ends below it, at the end of the tail.
const P_TAIL: u32 = 1 << 10;
/// Where the base starts in a packed slot.
const P_BASE_SHIFT: u32 = 11;

impl PrefixTrie {
    /// Builds the trie; pattern `i` is `patterns[i]` (patterns are distinct and non-empty).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> PrefixTrie {
        // a plain trie first: children as sorted vectors
        struct Build {
            children: Vec<(u8, usize)>,
            pattern: u32,
        }
        let mut build = vec![Build { children: Vec::new(), pattern: NONE }];
        for (pid, p) in patterns.iter().enumerate() {
            let mut at = 0usize;
            for &b in p.as_ref() {
                at = match build[at].children.binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(k) => build[at].children[k].1,
                    Err(k) => {
                        build.push(Build { children: Vec::new(), pattern: NONE });
                        let id = build.len() - 1;
                        build[at].children.insert(k, (b, id));
                        id
                    }
                };
            }
            if at != 0 {
                build[at].pattern = pid as u32;
            }
        }
        // the patterns that end at or below each node (a child is built after its parent)
        let mut below = vec![0u32; build.len()];
        for id in (0..build.len()).rev() {
            below[id] = u32::from(build[id].pattern != NONE)
                + build[id].children.iter().map(|&(_, c)| below[c]).sum::<u32>();
        }
        // a node below which exactly one pattern ends, further down, keeps the rest of that
        // pattern as a tail (one slot instead of a slot per byte): its tail's offset and the
        // pattern, for the nodes that get one
        let mut tails = Vec::new();
        let mut tail_of = vec![None; build.len()];
        for id in 1..build.len() {
            if below[id] != 1 || build[id].pattern != NONE {
                continue;
            }
            let mut rest = Vec::new();
            let mut at = id;
            while let [(b, c)] = build[at].children[..] {
                rest.push(b);
                at = c;
            }
            if let Ok(len) = u8::try_from(rest.len()) {
                tail_of[id] = Some((tails.len() as u32, build[at].pattern));
                tails.push(len);
                tails.extend_from_slice(&rest);
            }
        }
        // place the nodes breadth first (the levels near the root, which every lookup
        // visits, sit close together), each node's children at the first base where all
        // their slots are free; a tail node's children stay out
        let mut slots = vec![FREE; 256];
        let mut free = FreeSlots::default();
        free.take(0);
        let mut slot_of = vec![NONE; build.len()];
        slot_of[0] = 0;
        // the bases not given yet (0 is none)
        let mut unused = FreeSlots::default();
        unused.take(0);
        // the first base worth trying
        let mut floor = 1;
        let mut order = vec![0usize];
        let mut k = 0;
        while k < order.len() {
            let node = order[k];
            k += 1;
            if tail_of[node].is_some() {
                continue;
            }
            let children = &build[node].children;
            let Some(&(c0, _)) = children.first() else { continue };
            // the first free slot for the first child at an unused base where the others
            // are free too, from `floor` on; the root (slot 0) is never a child, so bases
            // start at 1
            let mut p = free.first_at(floor + c0 as usize);
            let mut tries = 0;
            let base = loop {
                tries += 1;
                let base = p - c0 as usize;
                let unused_base = unused.first_at(base);
                if unused_base != base {
                    p = free.first_at(unused_base + c0 as usize);
                    continue;
                }
                if slots.len() < base + 256 {
                    slots.resize(base + 256, FREE);
                }
                if children.iter().all(|&(c, _)| slots[base + c as usize].check == NONE) {
                    break base;
                }
                p = free.first_at(p + 1);
            };
            // where free slots and unused bases rarely meet, later searches start further on
            if tries > 2 {
                floor = base;
            }
            let parent = slot_of[node];
            assert!(base + 256 < ENDS as usize, "a trie of fewer than 2^31 nodes");
            slots[parent as usize].base |= base as u32;
            unused.take(base);
            for &(c, child) in children {
                let s = base + c as usize;
                let ends = if build[child].pattern == NONE { 0 } else { ENDS };
                slots[s] = Slot { base: ends, check: base as u32 };
                free.take(s);
                slot_of[child] = s as u32;
                order.push(child);
            }
        }
        assert!(slots.len() < 1 << (32 - P_BASE_SHIFT), "a trie of fewer than 2^21 slots");
        assert!(tails.len() < 1 << (32 - P_BASE_SHIFT), "tails of fewer than 2^21 bytes");
        let mut patterns = vec![NONE; slots.len()];
        let mut packed_slots = vec![P_FREE; slots.len()];
        for (node, &slot) in slot_of.iter().enumerate().filter(|&(_, &s)| s != NONE) {
            let s = slot as usize;
            // the root (slot 0) keeps the label of a free slot: no step reaches it, as bases
            // start at 1
            let label = if node == 0 { P_FREE } else { s as u32 - slots[s].check };
            packed_slots[s] = match tail_of[node] {
                Some((offset, pattern)) => {
                    patterns[s] = pattern;
                    packed(label, false, true, offset)
                }
                None => {
                    patterns[s] = build[node].pattern;
                    let base = slots[s].base & !ENDS;
                    packed(label, build[node].pattern != NONE, false, base)
                }
            };
        }
        PrefixTrie { root_base: slots[0].base & !ENDS, slots: packed_slots, tails, patterns }
    }

    /// Whether a pattern starts with byte `b` (one load, of the root's children, which every
    /// walk reads: a check before anything costlier about a position).
    #[inline(always)]
    pub fn may_start_with(&self, b: u8) -> bool {
        let slot = self.slots[(self.root_base + u32::from(b)) as usize];
        slot & P_LABEL == u32::from(b)
    }

    /// Calls `each(pattern, end)` for every pattern that starts at `start` in `haystack`,
    /// shortest first.
    #[inline(always)]
    pub fn prefixes_at(&self, haystack: &[u8], start: usize, mut each: impl FnMut(u32, usize)) {
        let Some(rest) = haystack.get(start..) else { return };
        let slots = &self.slots[..];
        let mut base = self.root_base;
        for (i, &b) in rest.iter().enumerate() {
            let next = base + b as u32;
            // a slot for every base + 255: the test never fails
            let Some(&slot) = slots.get(next as usize) else { return };
            if slot & P_LABEL != b as u32 {
                return;
            }
            if slot & P_TAIL != 0 {
                let at = (slot >> P_BASE_SHIFT) as usize;
                let len = usize::from(self.tails[at]);
                let end = i + 1 + len;
                if rest.get(i + 1..end) == self.tails.get(at + 1..at + 1 + len) {
                    each(self.patterns[next as usize], start + end);
                }
                return;
            }
            if slot & P_ENDS != 0 {
                each(self.patterns[next as usize], start + i + 1);
            }
            base = slot >> P_BASE_SHIFT;
        }
    }
}

/// The free slots (or unused bases) of a double array under construction: a union-find over
/// slot numbers where each slot points to the first free slot at or after it.
#[derive(Default)]
struct FreeSlots {
    /// `next[i]`: a slot at or after `i` that is free or nearer to one (`i` itself if free);
    /// slots beyond the end are free
    next: Vec<usize>,
}

impl FreeSlots {
    /// The first free slot at or after `i`.
    fn first_at(&mut self, i: usize) -> usize {
        let mut at = i;
        while at < self.next.len() && self.next[at] != at {
            at = self.next[at];
        }
        // path compression
        let mut j = i;
        while j < self.next.len() && self.next[j] != j {
            let n = self.next[j];
            self.next[j] = at;
            j = n;
        }
        at
    }

    /// Marks slot `i` as used.
    fn take(&mut self, i: usize) {
        if self.next.len() <= i + 1 {
            let from = self.next.len();
            self.next.extend(from..i + 2);
        }
        self.next[i] = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::PrefixTrie;

    fn all(t: &PrefixTrie, h: &str, start: usize) -> Vec<(u32, usize)> {
        let mut v = Vec::new();
        t.prefixes_at(h.as_bytes(), start, |p, e| v.push((p, e)));
        v
    }

    #[test]
    fn finds_every_pattern_starting_at_a_position() {
        let t = PrefixTrie::new(&["signal", "sig", "l", "mobile", "mobile signal", "s"]);
        let h = "weak mobile signal";
        assert_eq!(all(&t, h, 5), vec![(3, 11), (4, 18)]);
        assert_eq!(all(&t, h, 12), vec![(5, 13), (1, 15), (0, 18)]);
        assert_eq!(all(&t, h, 0), vec![]);
        assert_eq!(all(&t, h, 17), vec![(2, 18)]);
        assert_eq!(all(&t, h, 18), vec![]);
    }

    #[test]
    fn agrees_with_a_naive_search() {
        // many short patterns over a small alphabet: nodes crowd the slots
        let mut patterns: Vec<String> = Vec::new();
        let mut x = 1u32;
        for _ in 0..600 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let len = 1 + (x >> 16) % 6;
            let p: String =
                (0..len).map(|k| ['a', 'b', 'c', 'd', 'é'][(x >> (k * 3)) as usize % 5]).collect();
            if !patterns.contains(&p) {
                patterns.push(p);
            }
        }
        let t = PrefixTrie::new(&patterns);
        let h = "abcdabcaabbccddaabcdébcadcbadécbabcdabcddééaab";
        for start in (0..=h.len()).filter(|&i| h.is_char_boundary(i)) {
            let mut want: Vec<(u32, usize)> = (patterns.iter().enumerate())
                .filter(|(_, p)| h[start..].starts_with(p.as_str()))
                .map(|(i, p)| (i as u32, start + p.len()))
                .collect();
            want.sort_by_key(|&(_, e)| e);
            assert_eq!(all(&t, h, start), want, "at {start}");
        }
    }

    #[test]
    fn agrees_with_a_naive_search_over_every_byte_value() {
        // byte patterns (not text): labels 0 and 255, free slots and bases near the ends of
        // the array are all met
        let mut x = 7u32;
        let mut next = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            x >> 8
        };
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for _ in 0..2000 {
            let len = 1 + next() % 5;
            let p: Vec<u8> =
                (0..len).map(|_| [0, 1, 2, 127, 128, 254, 255][next() as usize % 7]).collect();
            if !patterns.contains(&p) {
                patterns.push(p);
            }
        }
        let t = PrefixTrie::new(&patterns);
        let h: Vec<u8> =
            (0..400).map(|_| [0, 1, 2, 3, 127, 128, 200, 254, 255][next() as usize % 9]).collect();
        for start in 0..=h.len() {
            let mut want: Vec<(u32, usize)> = (patterns.iter().enumerate())
                .filter(|(_, p)| h[start..].starts_with(p))
                .map(|(i, p)| (i as u32, start + p.len()))
                .collect();
            want.sort_by_key(|&(_, e)| e);
            let mut got = Vec::new();
            t.prefixes_at(&h, start, |p, e| got.push((p, e)));
            assert_eq!(got, want, "at {start}");
        }
    }

    #[test]
    fn tails_end_where_their_pattern_ends() {
        // "people's committee" and "people's council" share a stem, then each runs alone to
        // its end (a tail); "people" ends inside the stem
        let t = PrefixTrie::new(&["people's committee", "people's council", "people"]);
        let h = "the people's council and the people's committees";
        assert_eq!(all(&t, h, 4), vec![(2, 10), (1, 20)]);
        assert_eq!(all(&t, h, 29), vec![(2, 35), (0, 47)]);
        // a tail that the text leaves early, or runs past the text's end
        assert_eq!(all(&t, "people's commission", 0), vec![(2, 6)]);
        assert_eq!(all(&t, "people's comm", 0), vec![(2, 6)]);
    }

    #[test]
    fn empty_trie_finds_nothing() {
        let t = PrefixTrie::new::<&str>(&[]);
        assert_eq!(all(&t, "abc", 0), vec![]);
    }
}

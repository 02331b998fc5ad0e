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
    /// the node's children sit at `base + byte` (without the bit [`ENDS`])
    base: u32,
    /// the parent node owning this slot (`NONE` if free)
    check: u32,
}

const FREE: Slot = Slot { base: 0, check: NONE };

/// A trie over byte strings as a double array.
///
/// The root is slot 0; the child of node `n` for byte `b` is slot `slots[n].base + b` if
/// that slot's `check` is `n`. Every `base + 255` is a slot, so a step needs no test of
/// the length.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTrie {
    slots: Vec<Slot>,
    /// by slot: the pattern that ends at the node (read only for slots marked [`ENDS`])
    patterns: Vec<u32>,
}

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
        // place the nodes breadth first (the levels near the root, which every lookup
        // visits, sit close together), each node's children at the first base where all
        // their slots are free
        let mut slots = vec![FREE; 256];
        let mut free = FreeSlots::default();
        free.take(0);
        let mut slot_of = vec![0u32; build.len()];
        let mut order = vec![0usize];
        let mut k = 0;
        while k < order.len() {
            let node = order[k];
            k += 1;
            let children = &build[node].children;
            let Some(&(c0, _)) = children.first() else { continue };
            // the first free slot for the first child where the others are free too; the
            // root (slot 0) is never a child, so bases start at 1
            let mut p = free.first_at(c0 as usize + 1);
            let base = loop {
                let base = p - c0 as usize;
                if slots.len() < base + 256 {
                    slots.resize(base + 256, FREE);
                }
                if children.iter().all(|&(c, _)| slots[base + c as usize].check == NONE) {
                    break base;
                }
                p = free.first_at(p + 1);
            };
            let parent = slot_of[node];
            assert!(base + 256 < ENDS as usize, "a trie of fewer than 2^31 nodes");
            slots[parent as usize].base |= base as u32;
            for &(c, child) in children {
                let s = base + c as usize;
                let ends = if build[child].pattern == NONE { 0 } else { ENDS };
                slots[s] = Slot { base: ends, check: parent };
                free.take(s);
                slot_of[child] = s as u32;
                order.push(child);
            }
        }
        let mut patterns = vec![NONE; slots.len()];
        for (node, &slot) in slot_of.iter().enumerate() {
            patterns[slot as usize] = build[node].pattern;
        }
        PrefixTrie { slots, patterns }
    }

    /// Puts into `found` (emptied first) the pattern and end of every pattern that starts
    /// at `start` in `haystack`, shortest first.
    #[inline]
    pub fn prefixes_at(&self, haystack: &[u8], start: usize, found: &mut Vec<(u32, u32)>) {
        found.clear();
        let Some(rest) = haystack.get(start..) else { return };
        let (mut node, mut base) = (0u32, self.slots[0].base & !ENDS);
        for (i, &b) in rest.iter().enumerate() {
            let next = base + b as u32;
            let slot = self.slots[next as usize];
            if slot.check != node {
                return;
            }
            if slot.base & ENDS != 0 {
                found.push((self.patterns[next as usize], (start + i + 1) as u32));
            }
            (node, base) = (next, slot.base & !ENDS);
        }
    }
}

/// The free slots of a double array under construction: a union-find over slot numbers
/// where each slot points to the first free slot at or after it.
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
        t.prefixes_at(h.as_bytes(), start, &mut v);
        v.into_iter().map(|(p, e)| (p, e as usize)).collect()
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
    fn empty_trie_finds_nothing() {
        let t = PrefixTrie::new::<&str>(&[]);
        assert_eq!(all(&t, "abc", 0), vec![]);
    }
}

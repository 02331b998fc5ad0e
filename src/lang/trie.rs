//! A byte trie for anchored lookups: every pattern that starts at a given position.
//!
//! Most lexicon entries start a word, so they are looked up from word starts only: a walk of
//! a few bytes per word instead of an automaton step for every byte of the text. Children are
//! kept in one flat array; the root has a dense table.

/// No pattern ends at a node / no child.
const NONE: u32 = u32::MAX;

/// A trie over byte strings, compiled into one flat array of `u32` words.
///
/// Each node is stored contiguously (one cache line for most nodes): the pattern that ends
/// there (or `NONE`), the number of children `k`, `k` edge bytes packed four to a word, and
/// the `k` children's offsets. Nodes are laid out breadth first, so the levels near the root,
/// which every lookup visits, sit close together.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTrie {
    /// offset of the root's child for each first byte (`NONE` if absent)
    root: Box<[u32; 256]>,
    nodes: Vec<u32>,
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
        // breadth-first order from the root's children
        let mut order: Vec<usize> = build[0].children.iter().map(|&(_, c)| c).collect();
        let mut k = 0;
        while k < order.len() {
            let node = order[k];
            order.extend(build[node].children.iter().map(|&(_, c)| c));
            k += 1;
        }
        let size = |node: &Build| 2 + node.children.len().div_ceil(4) + node.children.len();
        let mut offset = vec![NONE; build.len()];
        let mut at = 0usize;
        for &node in &order {
            offset[node] = at as u32;
            at += size(&build[node]);
        }
        let mut nodes = Vec::with_capacity(at);
        for &node in &order {
            let b = &build[node];
            nodes.push(b.pattern);
            nodes.push(b.children.len() as u32);
            for chunk in b.children.chunks(4) {
                let mut word = [0u8; 4];
                for (w, &(byte, _)) in word.iter_mut().zip(chunk) {
                    *w = byte;
                }
                nodes.push(u32::from_le_bytes(word));
            }
            nodes.extend(b.children.iter().map(|&(_, c)| offset[c]));
        }
        let mut root = Box::new([NONE; 256]);
        for &(b, child) in &build[0].children {
            root[b as usize] = offset[child];
        }
        PrefixTrie { root, nodes }
    }

    /// The child of the node at `node` for byte `b`.
    #[inline]
    fn child(&self, node: usize, b: u8) -> Option<u32> {
        let k = self.nodes[node + 1] as usize;
        let words = k.div_ceil(4);
        let bytes = &self.nodes[node + 2..node + 2 + words];
        for (w, &word) in bytes.iter().enumerate() {
            let packed = word.to_le_bytes();
            for (j, &e) in packed.iter().enumerate() {
                let idx = w * 4 + j;
                if idx < k && e == b {
                    return Some(self.nodes[node + 2 + words + idx]);
                }
            }
        }
        None
    }

    /// Calls `found(pattern, end)` for every pattern that starts at `start` in `haystack`,
    /// shortest first.
    #[inline]
    pub fn prefixes_at(&self, haystack: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let Some(&first) = haystack.get(start) else { return };
        let mut node = self.root[first as usize];
        let mut at = start + 1;
        while node != NONE {
            let pattern = self.nodes[node as usize];
            if pattern != NONE {
                found(pattern, at);
            }
            let Some(&b) = haystack.get(at) else { return };
            node = self.child(node as usize, b).unwrap_or(NONE);
            at += 1;
        }
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
    fn empty_trie_finds_nothing() {
        let t = PrefixTrie::new::<&str>(&[]);
        assert_eq!(all(&t, "abc", 0), vec![]);
    }
}

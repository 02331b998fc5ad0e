//! A byte trie for anchored lookups: every pattern that starts at a given position.
//!
//! Most lexicon entries start a word, so they are looked up from word starts only: a walk of
//! a few bytes per word instead of an automaton step for every byte of the text. Children are
//! kept in one flat array; the root has a dense table.

/// No pattern ends at a node / no child.
const NONE: u32 = u32::MAX;

/// A trie over byte strings, compiled into one flat byte array.
///
/// Each node is stored contiguously (one cache line for most nodes): the pattern that ends
/// there (4 bytes, `NONE` if none), the number of children `k` (1 byte), the `k` edge bytes,
/// then the `k` children's offsets (4 bytes each). Nodes are laid out breadth first, so the
/// levels near the root, which every lookup visits, sit close together.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTrie {
    /// offset of the root's child for each first byte (`NONE` if absent)
    root: Box<[u32; 256]>,
    nodes: Vec<u8>,
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
        // a node has fewer than 256 children (no UTF-8 text uses the bytes C0, C1, F5..FF), so
        // the count fits a byte
        let size = |node: &Build| 5 + node.children.len() * 5;
        let mut offset = vec![NONE; build.len()];
        let mut at = 0usize;
        for &node in &order {
            offset[node] = at as u32;
            at += size(&build[node]);
        }
        let mut nodes = Vec::with_capacity(at);
        for &node in &order {
            let b = &build[node];
            nodes.extend_from_slice(&b.pattern.to_le_bytes());
            nodes.push(b.children.len() as u8);
            nodes.extend(b.children.iter().map(|&(byte, _)| byte));
            for &(_, c) in &b.children {
                nodes.extend_from_slice(&offset[c].to_le_bytes());
            }
        }
        let mut root = Box::new([NONE; 256]);
        for &(b, child) in &build[0].children {
            root[b as usize] = offset[child];
        }
        PrefixTrie { root, nodes }
    }

    #[inline]
    fn word(&self, at: usize) -> u32 {
        let mut w = [0u8; 4];
        w.copy_from_slice(&self.nodes[at..at + 4]);
        u32::from_le_bytes(w)
    }

    /// The child of the node at `node` for byte `b`.
    #[inline]
    fn child(&self, node: usize, b: u8) -> Option<u32> {
        let k = match self.nodes[node + 4] {
            0 => return None,
            k => k as usize,
        };
        let edges = &self.nodes[node + 5..node + 5 + k];
        let idx = edges.iter().position(|&e| e == b)?;
        Some(self.word(node + 5 + k + 4 * idx))
    }

    /// Calls `found(pattern, end)` for every pattern that starts at `start` in `haystack`,
    /// shortest first.
    #[inline]
    pub fn prefixes_at(&self, haystack: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let Some(&first) = haystack.get(start) else { return };
        let mut node = self.root[first as usize];
        let mut at = start + 1;
        while node != NONE {
            let pattern = self.word(node as usize);
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

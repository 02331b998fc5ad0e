//! A byte trie for anchored lookups: every pattern that starts at a given position.
//!
//! Most lexicon entries start a word, so they are looked up from word starts only: a walk of
//! a few bytes per word instead of an automaton step for every byte of the text. Children are
//! kept in one flat array; the root has a dense table.

/// No pattern ends at a node / no child.
const NONE: u32 = u32::MAX;

/// A trie over byte strings, compiled into flat arrays.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTrie {
    /// child of the root for each first byte (`NONE` if absent)
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// the bytes of each node's edges, sorted, in `nodes[i].edges..+len`
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    edges: u32,
    len: u32,
    /// the pattern that ends here
    pattern: u32,
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
        // node 0 of the build is the root; the others keep their ids minus one
        let mut root = Box::new([NONE; 256]);
        for &(b, child) in &build[0].children {
            root[b as usize] = (child - 1) as u32;
        }
        let mut nodes = Vec::with_capacity(build.len() - 1);
        let mut edge_bytes = Vec::new();
        let mut edge_targets = Vec::new();
        for node in &build[1..] {
            nodes.push(Node {
                edges: edge_bytes.len() as u32,
                len: node.children.len() as u32,
                pattern: node.pattern,
            });
            for &(b, child) in &node.children {
                edge_bytes.push(b);
                edge_targets.push((child - 1) as u32);
            }
        }
        PrefixTrie { root, nodes, edge_bytes, edge_targets }
    }

    /// Calls `found(pattern, end)` for every pattern that starts at `start` in `haystack`,
    /// shortest first.
    #[inline]
    pub fn prefixes_at(&self, haystack: &[u8], start: usize, mut found: impl FnMut(u32, usize)) {
        let Some(&first) = haystack.get(start) else { return };
        let mut node = self.root[first as usize];
        let mut at = start + 1;
        while node != NONE {
            let n = self.nodes[node as usize];
            if n.pattern != NONE {
                found(n.pattern, at);
            }
            let Some(&b) = haystack.get(at) else { return };
            let (lo, hi) = (n.edges as usize, (n.edges + n.len) as usize);
            node = match self.edge_bytes[lo..hi].iter().position(|&e| e == b) {
                Some(k) => self.edge_targets[lo + k],
                None => NONE,
            };
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

//! A dense Aho-Corasick automaton for the entries that may start inside a word (text written
//! with spaces): every occurrence of every pattern, overlapping ones included.
//!
//! One step per byte of text: a load of the byte's class and a load of the next state from a
//! table with a row per state and a column per class. The states where patterns end come
//! last, so a step tells a match by a comparison.

/// An Aho-Corasick automaton with a dense transition table over byte classes.
#[derive(Debug, Clone)]
pub(crate) struct Dense {
    /// byte → class (the bytes of no pattern share class 0)
    classes: [u8; 256],
    /// the number of classes: the length of a row
    stride: usize,
    /// row-major: `table[state + class]` is the next state (a row start, that is an index
    /// times `stride`); padded to a power of two
    table: Vec<u32>,
    /// the first state (row start) where patterns end: those from it on, and only those
    first_match: u32,
    /// by state index: the range in `outputs` of the patterns that end at the state
    output_ranges: Vec<(u32, u32)>,
    /// patterns, grouped by state
    outputs: Vec<u32>,
    /// pattern → its length in bytes
    lengths: Vec<u32>,
}

impl Dense {
    /// Builds the automaton of `patterns` (pattern id = index). Empty patterns never match.
    pub fn new(patterns: &[String]) -> Dense {
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for p in patterns {
            for &b in p.as_bytes() {
                if classes[b as usize] == 0 {
                    classes[b as usize] = stride as u8;
                    stride += 1;
                }
            }
        }
        // more than 255 byte values: one class per byte
        if stride > 256 {
            stride = 256;
            classes = std::array::from_fn(|b| b as u8);
        }
        // the trie: children by class (NONE = no child), patterns that end at each node
        const NONE: u32 = u32::MAX;
        let mut children: Vec<u32> = vec![NONE; stride];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (id, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let mut node = 0;
            for &b in p.as_bytes() {
                let slot = node * stride + classes[b as usize] as usize;
                if children[slot] == NONE {
                    children[slot] = own.len() as u32;
                    own.push(Vec::new());
                    children.extend(std::iter::repeat_n(NONE, stride));
                }
                node = children[slot] as usize;
            }
            own[node].push(id as u32);
        }
        // breadth first: failure links, outputs along them, and the complete transitions
        let n = own.len();
        let mut table = vec![0u32; n * stride];
        let mut fail = vec![0usize; n];
        let mut outputs_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut queue = std::collections::VecDeque::from([0usize]);
        while let Some(s) = queue.pop_front() {
            let mut out = std::mem::take(&mut own[s]);
            if s != 0 {
                out.extend_from_slice(&outputs_of[fail[s]]);
            }
            outputs_of[s] = out;
            for c in 0..stride {
                let child = children[s * stride + c];
                let via_fail = if s == 0 { 0 } else { table[fail[s] * stride + c] };
                if child == NONE {
                    table[s * stride + c] = via_fail;
                } else {
                    let child = child as usize;
                    fail[child] = if s == 0 { 0 } else { via_fail as usize / stride };
                    table[s * stride + c] = (child * stride) as u32;
                    queue.push_back(child);
                }
            }
        }
        // states renumbered: those where patterns end last, so that a step tells a match by
        // comparing the state with the first of them
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&s| !outputs_of[s].is_empty());
        let mut rank = vec![0usize; n];
        for (new, &old) in order.iter().enumerate() {
            rank[old] = new;
        }
        let first_match =
            (order.iter().position(|&s| !outputs_of[s].is_empty()).unwrap_or(n) * stride) as u32;
        // a power of two long, so that a step can mask its index instead of checking it
        let mut renumbered = vec![0u32; (n * stride).next_power_of_two()];
        for (new, &old) in order.iter().enumerate() {
            for c in 0..stride {
                let target = table[old * stride + c] as usize / stride;
                renumbered[new * stride + c] = (rank[target] * stride) as u32;
            }
        }
        let mut outputs = Vec::new();
        let output_ranges = order
            .iter()
            .map(|&old| {
                let lo = outputs.len() as u32;
                outputs.extend_from_slice(&outputs_of[old]);
                (lo, outputs.len() as u32)
            })
            .collect();
        let lengths = patterns.iter().map(|p| p.len() as u32).collect();
        Dense { classes, stride, table: renumbered, first_match, output_ranges, outputs, lengths }
    }

    /// Calls `found(pattern, start, end)` for every occurrence of a pattern in `text`, by
    /// end (the order among those with the same end is unspecified).
    #[inline]
    pub fn find_all(&self, text: &[u8], mut found: impl FnMut(u32, usize, usize)) {
        let (mut state, mut at) = (0, 0);
        while let Some((next, end)) = self.next_match(text, state, at) {
            self.report(next, end, &mut found);
            (state, at) = (next, end);
        }
    }

    /// Steps from `state` through `text[at..]` up to the first state where patterns end:
    /// that state and the end of the byte that led to it.
    ///
    /// Not inlined: a loop that calls nothing keeps everything in registers.
    #[inline(never)]
    fn next_match(&self, text: &[u8], state: u32, at: usize) -> Option<(u32, usize)> {
        let (classes, table) = (&self.classes, &self.table[..]);
        let (mut state, first_match) = (state as usize, self.first_match as usize);
        // `state + class` is below the length already: the mask only spares the bounds check
        let mask = table.len() - 1;
        for (i, &b) in text.iter().enumerate().skip(at) {
            state = table[(state + classes[b as usize] as usize) & mask] as usize;
            if state >= first_match {
                return Some((state as u32, i + 1));
            }
        }
        None
    }

    /// Reports the patterns that end at `state`, at byte `end` of the text.
    #[inline(never)]
    fn report(&self, state: u32, end: usize, found: &mut impl FnMut(u32, usize, usize)) {
        let (lo, hi) = self.output_ranges[state as usize / self.stride];
        for &p in &self.outputs[lo as usize..hi as usize] {
            found(p, end - self.lengths[p as usize] as usize, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Dense;

    /// Every occurrence by brute force, sorted.
    fn naive(patterns: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let mut out = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            for s in 0..text.len() {
                if text.as_bytes()[s..].starts_with(p.as_bytes()) {
                    out.push((id as u32, s, s + p.len()));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn finds_every_occurrence_including_overlapping_ones() {
        let patterns =
            ["gemeinde", "gemeinden", "meinde", "de", "e", "ab", "bab", "a b", "", "dörfer"];
        let texts = [
            "Grenzgemeinden und Nachbargemeinde",
            "abababab a b a bab",
            "Bergdörfer, dörfern",
            "",
            "xyz",
            "eeee",
        ];
        let owned: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        let dense = Dense::new(&owned);
        for text in texts {
            let mut got = Vec::new();
            let mut last_end = 0;
            dense.find_all(text.as_bytes(), |p, s, e| {
                assert!(e >= last_end, "by end");
                last_end = e;
                got.push((p, s, e));
            });
            got.sort_unstable();
            assert_eq!(got, naive(&patterns, text), "{text}");
        }
    }

    #[test]
    fn every_byte_value() {
        let patterns: Vec<String> =
            (0..=255u8).map(|b| String::from_utf8_lossy(&[b, b'x']).into_owned()).collect();
        let dense = Dense::new(&patterns);
        let text = "éx axÿx";
        let mut got = Vec::new();
        dense.find_all(text.as_bytes(), |p, s, e| got.push((p, s, e)));
        got.sort_unstable();
        let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
        assert_eq!(got, naive(&refs, text));
    }
}

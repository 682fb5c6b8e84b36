//! Compact storage for exploration: states packed end to end in one array of words, and
//! summaries interned so that the many states that share one are stored once.

use std::hash::{BuildHasher, Hash};

use hashbrown::HashTable;

/// Explored states, each `width` words (its node, then the flags that can still matter), with
/// an index from words to id that stores only the id.
pub struct StateTable {
    width: usize,
    words: Vec<u64>,
    index: HashTable<u32>,
}

impl StateTable {
    pub fn new(width: usize) -> StateTable {
        StateTable {
            width,
            words: Vec::new(),
            index: HashTable::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len() / self.width
    }

    pub fn get(&self, id: u32) -> &[u64] {
        &self.words[id as usize * self.width..][..self.width]
    }

    pub fn find(&self, key: &[u64]) -> Option<u32> {
        self.index
            .find(hash_words(key), |&id| self.get(id) == key)
            .copied()
    }

    /// Adds a state not yet in the table and returns its id.
    pub fn insert(&mut self, key: &[u64]) -> u32 {
        debug_assert_eq!(key.len(), self.width);
        let id = self.len() as u32;
        self.words.extend_from_slice(key);
        let (words, width) = (&self.words, self.width);
        self.index.insert_unique(hash_words(key), id, |&other| {
            hash_words(&words[other as usize * width..][..width])
        });
        id
    }

    /// Bytes held, counting spare capacity.
    pub fn bytes(&self) -> usize {
        self.words.capacity() * 8 + self.index.capacity() * (std::mem::size_of::<u32>() + 1)
    }
}

/// A well-mixed hash of a few words: the table takes its bucket from the low bits and a tag
/// from the high ones, so both must depend on every word.
fn hash_words(words: &[u64]) -> u64 {
    let mut hash = 0x243f_6a88_85a3_08d3_u64;
    for &word in words {
        hash = (hash ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// Values stored once each, by id.
pub struct Interner<T> {
    values: Vec<T>,
    index: HashTable<u32>,
    heap_bytes: usize,
}

impl<T: Hash + Eq> Interner<T> {
    pub fn new() -> Interner<T> {
        Interner {
            values: Vec::new(),
            index: HashTable::new(),
            heap_bytes: 0,
        }
    }

    /// The id of `value`, storing it if it is new; `heap_bytes` is what it holds outside itself.
    pub fn intern(&mut self, value: T, heap_bytes: usize) -> u32 {
        let hash = hash_value(&value);
        if let Some(&id) = self
            .index
            .find(hash, |&id| self.values[id as usize] == value)
        {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value);
        self.heap_bytes += heap_bytes;
        let values = &self.values;
        self.index
            .insert_unique(hash, id, |&other| hash_value(&values[other as usize]));
        id
    }

    pub fn get(&self, id: u32) -> &T {
        &self.values[id as usize]
    }

    pub fn bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>()
            + self.index.capacity() * (std::mem::size_of::<u32>() + 1)
            + self.heap_bytes
    }
}

fn hash_value<T: Hash>(value: &T) -> u64 {
    // Fixed keys: ids depend only on insertion order, and runs repeat exactly.
    std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_their_words_and_keep_their_ids() {
        let mut table = StateTable::new(2);
        let a = table.insert(&[1, 0b101]);
        let b = table.insert(&[1, 0b100]);
        assert_ne!(a, b);
        assert_eq!(table.find(&[1, 0b101]), Some(a));
        assert_eq!(table.find(&[1, 0b100]), Some(b));
        assert_eq!(table.find(&[2, 0b101]), None);
        for i in 0..10_000u64 {
            table.insert(&[i + 10, i]);
        }
        assert_eq!(
            table.find(&[1, 0b101]),
            Some(a),
            "after the index has grown"
        );
        assert_eq!(table.get(b), &[1, 0b100]);
        assert_eq!(table.len(), 10_002);
    }

    #[test]
    fn equal_values_are_interned_once() {
        let mut interner = Interner::new();
        let a = interner.intern(vec![1, 2, 3], 12);
        let b = interner.intern(vec![1, 2, 3], 12);
        let c = interner.intern(vec![3], 4);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(interner.get(c), &vec![3]);
        assert!(
            interner.bytes() >= 16,
            "heap bytes of the two stored values count"
        );
    }
}

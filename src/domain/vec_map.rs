//! A map and a set of ids kept as sorted vectors.
//!
//! std's `BTreeMap` and `BTreeSet` compile their node code once for every
//! key and value type, which cost several KB of the wasm for a handful of
//! small collections. A sorted vector is far less code, finds a key by
//! binary search, and iterates in key order just as the B-trees did, so
//! what is written from these collections is unchanged.

use std::borrow::Borrow;
use std::ops::Index;

use serde::{Serialize, Serializer};

use super::id::Id;

/// A map whose entries are kept sorted by key, one entry per key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }
}

impl<K, V> VecMap<K, V> {
    /// An empty map.
    pub const fn new() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.entries.iter())
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(key, _)| key)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, value)| value)
    }

    /// The values in key order, to change in place.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, value)| value)
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries
            .binary_search_by(|(probe, _)| probe.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        Some(&self.entries[at].1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        Some(&mut self.entries[at].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// Takes `key` out, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        Some(self.entries.remove(at).1)
    }
}

/// The entries of a `VecMap` in key order, as `(&key, &value)`.
pub struct Iter<'m, K, V>(std::slice::Iter<'m, (K, V)>);

impl<'m, K, V> Iterator for Iter<'m, K, V> {
    type Item = (&'m K, &'m V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, value)| (key, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(key, value)| (key, value))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<'m, K, V> IntoIterator for &'m VecMap<K, V> {
    type Item = (&'m K, &'m V);
    type IntoIter = Iter<'m, K, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// Later entries replace earlier ones with the same key.
impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = VecMap::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

/// Up to this many entries are sorted in place, one by one; more take the
/// merge sort, so the worst order stays n log n.
const SORTED_IN_PLACE: usize = 32;

impl<K: Ord, V> VecMap<K, V> {
    /// The map of `entries` in any order, later ones replacing earlier ones
    /// with the same key: sorted once, so entries in the worst order (a
    /// hostile file's keys in reverse) take n log n, where inserting one by
    /// one would take n squared. For what is read from files.
    ///
    /// Sorted in place: a parsed document makes one map per object, most
    /// of a few members, and a pair's records come back in the id order
    /// they were stored in: neither costs an allocation beyond its list.
    pub fn from_unsorted(mut entries: Vec<(K, V)>) -> Self {
        // Stable: of two entries with one key, the later stays later.
        if entries.len() > SORTED_IN_PLACE {
            if !entries.windows(2).all(|pair| pair[0].0 <= pair[1].0) {
                super::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            }
        } else {
            for end in 1..entries.len() {
                let mut at = end;
                while at > 0 && entries[at - 1].0 > entries[at].0 {
                    entries.swap(at - 1, at);
                    at -= 1;
                }
            }
        }
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        VecMap { entries }
    }
}

/// `map[&key]`, which panics when the key is missing.
impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> Index<&Q> for VecMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

/// Written as a map, as serde writes a `BTreeMap` (the reference the JSON
/// writer is tested against).
impl<K: Serialize, V: Serialize> Serialize for VecMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// A set of ids, kept sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdSet {
    ids: Vec<Id>,
}

impl IdSet {
    /// An empty set.
    pub const fn new() -> Self {
        IdSet { ids: Vec::new() }
    }

    /// Adds `id`; false when it was there already.
    pub fn insert(&mut self, id: Id) -> bool {
        match self.ids.binary_search(&id) {
            Ok(_) => false,
            Err(at) => {
                self.ids.insert(at, id);
                true
            }
        }
    }

    /// Takes `id` out; false when it was not there.
    pub fn remove(&mut self, id: &Id) -> bool {
        match self.ids.binary_search(id) {
            Ok(at) => {
                self.ids.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn contains(&self, id: &Id) -> bool {
        self.ids.binary_search(id).is_ok()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Id> {
        self.ids.iter()
    }
}

impl FromIterator<Id> for IdSet {
    fn from_iter<I: IntoIterator<Item = Id>>(ids: I) -> Self {
        let mut set = IdSet::new();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

impl<'s> IntoIterator for &'s IdSet {
    type Item = &'s Id;
    type IntoIter = std::slice::Iter<'s, Id>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A map in the export format's JSON Schema: an object of values.
#[cfg(all(test, not(target_arch = "wasm32")))]
impl<K, V: schemars::JsonSchema> schemars::JsonSchema for VecMap<K, V> {
    fn schema_name() -> String {
        format!("Map_of_{}", V::schema_name())
    }

    fn json_schema(generator: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any run of inserts and removes leaves the map as a BTreeMap
        /// would be, in the same order.
        #[test]
        fn behaves_as_a_btree_map(steps in proptest::collection::vec((any::<bool>(), 0u8..16, any::<u8>()), 0..64)) {
            let mut map = VecMap::new();
            let mut model = BTreeMap::new();
            for (add, key, value) in steps {
                if add {
                    prop_assert_eq!(map.insert(key, value), model.insert(key, value));
                } else {
                    prop_assert_eq!(map.remove(&key), model.remove(&key));
                }
                prop_assert_eq!(map.get(&key), model.get(&key));
                prop_assert_eq!(map.contains_key(&key), model.contains_key(&key));
            }
            prop_assert!(map.iter().eq(model.iter()));
            prop_assert_eq!(map.len(), model.len());
        }

        #[test]
        fn from_unsorted_keeps_the_last_entry_of_each_key_as_a_btree_map_does(entries in proptest::collection::vec((0u8..16, any::<u8>()), 0..64)) {
            // As they come, and already in key order (repeated keys in
            // their order): each path, short and long, sorted or not.
            let mut in_order = entries.clone();
            in_order.sort_by_key(|entry| entry.0);
            for entries in [entries, in_order] {
                let map = VecMap::from_unsorted(entries.clone());
                let model: BTreeMap<u8, u8> = entries.iter().copied().collect();
                prop_assert!(map.iter().eq(model.iter()));
            }
        }

        #[test]
        fn the_id_set_behaves_as_a_btree_set(steps in proptest::collection::vec((any::<bool>(), 0u128..16), 0..64)) {
            let mut set = IdSet::new();
            let mut model = std::collections::BTreeSet::new();
            for (add, bits) in steps {
                let id = Id::from_u128(bits);
                if add {
                    prop_assert_eq!(set.insert(id), model.insert(id));
                } else {
                    prop_assert_eq!(set.remove(&id), model.remove(&id));
                }
                prop_assert_eq!(set.contains(&id), model.contains(&id));
            }
            prop_assert!(set.iter().eq(model.iter()));
        }
    }
}

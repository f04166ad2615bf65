//! The app's one source of truth: the workbook signal, how it is saved, and
//! `dispatch`, the only way the UI changes it.

use leptos::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::any::Any;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::clock::Clock;
use crate::domain::{
    brought_in, imported_pairs, merge_pair, merge_tab, Action, Applied, Id, IdSet, Kind, PairData,
    PairInfo, Role, Touched, Workbook,
};
use crate::storage::browser::{Fingerprint, Loaded, SaveError, Store, Unreadable};
use crate::storage::{codec, DeviceSettings};

/// How long typing may pause before the workbook is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// Whether everything in memory is in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    /// The last write failed; the work is still in memory.
    Failed(String),
    /// Nothing is written: storage holds data from a newer version, or is
    /// blocked.
    ReadOnly,
}

/// An offer to undo the last destructive action.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoOffer {
    pub message: String,
    /// The actions that undo it, in order.
    pub actions: Vec<Action>,
    /// Offered only until the next change (an import's undo puts whole
    /// pairs back, which would also take back later edits).
    pub until_next_edit: bool,
}

/// What a read depends on, so that a change notifies only the reads it
/// can affect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One record's own content (and rank).
    Record(Id),
    /// Which children a record has, and their order: told when one of
    /// them is added, deleted, restored or moved, not when one is edited.
    Children(Id),
    /// A record and everything under it, at any depth.
    Subtree(Id),
    /// Everything under the pair's top-level records of one kind (its
    /// agreement, its objectives, its sessions...), those records
    /// included: what a stage's status reads.
    Branch(Kind),
    /// Every record of one kind, wherever it hangs in the pair: the action
    /// items under sessions and under evaluation rounds alike.
    Kind(Kind),
    /// The outline of every record of one kind (see
    /// `Record::same_outline`): told when one is added, deleted, restored
    /// or moved, or its dates change, not when only its text does.
    Outline(Kind),
}

/// What the pair's open and overdue action items depend on: the items'
/// due and done dates, and whether they are deleted. Deleting a session or
/// an evaluation round deletes the actions under it too (and restoring it
/// restores them), so the outline of the items says it all: logging or
/// moving a session, or saving its notes, leaves these reads alone.
pub const LIVE_ACTIONS: &[Scope] = &[Scope::Outline(Kind::ActionItem)];

/// What the next check-in depends on: the agreed cadence and start, and
/// when the sessions were.
pub const CHECK_IN: &[Scope] = &[
    Scope::Branch(Kind::Agreement),
    Scope::Outline(Kind::Session),
];

/// A handle on the app's state, provided once by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub workbook: RwSignal<Workbook>,
    pub device: RwSignal<DeviceSettings>,
    pub save_status: RwSignal<SaveStatus>,
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Why storage cannot be used at all, if it cannot.
    pub blocked: RwSignal<Option<String>>,
    pub undo: RwSignal<Option<UndoOffer>>,
    /// The last refused action's message, shown until the next action.
    pub refusal: RwSignal<Option<String>>,
    pub clock: Clock,
    store: StoredValue<Store>,
    readers: StoredValue<Readers>,
    dirty: StoredValue<IdSet>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    writable: StoredValue<bool>,
    /// What this tab knows of each pair's stored copy. A pair this tab
    /// made is not here until its first save, and no other tab can have
    /// changed it before.
    stored: StoredValue<HashMap<Id, StoredCopy>>,
}

/// What a tab knows of one pair's stored copy.
struct StoredCopy {
    /// The fingerprint of the text this tab last read or wrote, to tell
    /// another tab's save from its own.
    seen: Option<Fingerprint>,
    /// The copy as this tab last read or wrote it: what a merge with
    /// another tab's copy tells each side's changes by.
    base: PairData,
}

impl AppState {
    /// Loads the workbook from `store` and provides the state to the app.
    pub fn provide(store: Store, clock: Clock) -> Self {
        let Loaded {
            workbook,
            read,
            device,
            unreadable,
            blocked,
        } = store.load();
        let newer = unreadable.iter().any(|u| u.error.is_newer());
        let writable = !newer && blocked.is_none();
        let state = AppState {
            workbook: RwSignal::new(workbook),
            device: RwSignal::new(device),
            save_status: RwSignal::new(if writable {
                SaveStatus::Saved
            } else {
                SaveStatus::ReadOnly
            }),
            unreadable: RwSignal::new(unreadable),
            blocked: RwSignal::new(blocked),
            undo: RwSignal::new(None),
            refusal: RwSignal::new(None),
            clock,
            store: StoredValue::new(store),
            readers: StoredValue::new(Readers::default()),
            dirty: StoredValue::new(IdSet::new()),
            save_timer: StoredValue::new(None),
            writable: StoredValue::new(writable),
            stored: StoredValue::new(HashMap::default()),
        };
        state.workbook.with_untracked(|w| {
            for (pair, fingerprint) in read {
                if let Some(data) = w.pairs.get(&pair) {
                    state.mark_stored(pair, data.clone(), Some(fingerprint));
                }
            }
        });
        provide_context(state);
        state
    }

    /// The state provided by `App`.
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Whether storage holds data from a newer version (then nothing is
    /// changed anywhere, so nothing of it can be lost).
    pub fn newer_data(&self) -> bool {
        self.unreadable
            .with(|u| u.iter().any(|u| u.error.is_newer()))
    }

    /// Applies an action and schedules the save of the pair it touched. A
    /// refused action changes nothing and says why.
    pub fn try_dispatch(&self, action: Action) -> Result<Applied, String> {
        if self.newer_data() {
            return Err(
                "Nothing can be changed while this browser holds data from a newer version of Trellis."
                    .into(),
            );
        }
        let now = self.clock.now();
        let mut ids = new_id;
        let applied = self
            .workbook
            .try_update_untracked(|workbook| workbook.apply(action, now, &mut ids))
            .ok_or_else(|| "The workbook is not available.".to_string())?
            .map_err(|error| error.to_string())?;
        let touched = self
            .with_pair(applied.pair, |after| applied.touched(after))
            .unwrap_or(Touched::WholePair);
        self.notify(applied.pair, touched);
        if self.refusal.with_untracked(Option::is_some) {
            self.refusal.set(None);
        }
        if self
            .undo
            .with_untracked(|offer| offer.as_ref().is_some_and(|o| o.until_next_edit))
        {
            self.undo.set(None);
        }
        self.dirty.update_value(|dirty| {
            dirty.insert(applied.pair);
        });
        self.schedule_save();
        Ok(applied)
    }

    /// Like `try_dispatch`, showing a refusal in the banner area.
    pub fn dispatch(&self, action: Action) -> Option<Applied> {
        self.try_dispatch(action)
            .map_err(|message| self.refusal.set(Some(message)))
            .ok()
    }

    /// Dispatches a destructive action and offers to undo it.
    pub fn dispatch_with_undo(
        &self,
        action: Action,
        message: impl Into<String>,
    ) -> Option<Applied> {
        let applied = self.dispatch(action)?;
        self.undo.set(Some(UndoOffer {
            message: message.into(),
            actions: vec![applied.undo.clone()],
            until_next_edit: false,
        }));
        Some(applied)
    }

    /// Brings the pairs of an imported file in, merged with ours or
    /// replacing ours, and offers to undo it until the next edit. Pairs new
    /// to this device get `role`; pairs deleted here stay deleted unless
    /// they are in `bring_back`. Returns what changed, in words; a file
    /// that would leave any pair out of shape changes nothing.
    pub fn import(
        &self,
        incoming: &Workbook,
        replace: bool,
        role: Role,
        bring_back: &[Id],
    ) -> Result<String, String> {
        let now = self.clock.now();
        // The pairs of the file deleted here that a merge leaves deleted.
        let left_deleted: Vec<String> = self.workbook.with_untracked(|w| {
            incoming
                .pairs
                .iter()
                .filter(|(id, _)| {
                    !replace
                        && !bring_back.contains(id)
                        && w.pairs.get(id).is_some_and(PairData::is_deleted)
                })
                .filter_map(|(_, theirs)| theirs.info().map(PairInfo::display_name))
                .collect()
        });
        let changed = self
            .workbook
            .with_untracked(|book| imported_pairs(book, incoming, replace, bring_back, now))
            .map_err(|fault| {
                format!(
                    "Nothing was imported: merged with yours, the two copies give an item different places, and {fault}."
                )
            })?;
        // Undoes every pair put in place so far, last first: the offer, or
        // what is taken back when a later pair fails.
        let mut undo = Vec::new();
        let mut brought = Vec::new();
        for data in changed {
            let Some(pair) = data.id() else { continue };
            let ours = self.workbook.with_untracked(|w| w.pair(pair).cloned());
            if ours.is_none() {
                self.set_role(pair, role);
            }
            let what = brought_in(ours.as_ref(), &data);
            match self.try_dispatch(Action::Import { data }) {
                Ok(applied) => undo.insert(0, applied.undo),
                Err(problem) => {
                    for action in undo {
                        self.dispatch(action);
                    }
                    return Err(problem);
                }
            }
            if !what.is_empty() {
                brought.push(what);
            }
        }
        let mut message = match brought.len() {
            0 if !left_deleted.is_empty() => String::new(),
            0 => "The file holds nothing this workbook does not already have.".to_string(),
            1 => format!("Imported 1 pair: {}. ", brought[0]),
            n => format!("Imported {n} pairs: {}. ", brought.join("; ")),
        };
        if !left_deleted.is_empty() {
            message += &format!(
                "Left deleted on this device, as you deleted it: {}. To have it back, import the file again and choose \"Merge and bring back the deleted pairs\".",
                left_deleted.join(", ")
            );
        }
        let message = message.trim_end().to_string();
        if !brought.is_empty() {
            self.undo.set(Some(UndoOffer {
                message: message.clone(),
                actions: undo,
                until_next_edit: true,
            }));
        }
        Ok(message)
    }

    /// Undoes the offered action.
    pub fn undo_last(&self) {
        if let Some(offer) = self.undo.get_untracked() {
            self.undo.set(None);
            for action in offer.actions {
                self.dispatch(action);
            }
        }
    }

    /// Something read from anywhere in one pair (its default once the pair
    /// has gone), recomputed when anything in the pair changes and passed
    /// on only when it differs. For a page's totals; a row reads with
    /// `read_in` and the narrowest scope that covers what it reads.
    pub fn read<T>(self, pair: Id, read: Box<dyn Fn(&PairData) -> T + Send + Sync>) -> Read<T>
    where
        T: Default + PartialEq + Send + Sync + 'static,
    {
        self.read_in(pair, Scope::Subtree(pair), read)
    }

    /// Something read from one pair that depends only on what `scope`
    /// covers: recomputed when a change touches that scope, and passed on
    /// only when it differs. `read` must not look outside its scope, or it
    /// will show stale values.
    pub fn read_in<T>(
        self,
        pair: Id,
        scope: Scope,
        read: Box<dyn Fn(&PairData) -> T + Send + Sync>,
    ) -> Read<T>
    where
        T: Default + PartialEq + Send + Sync + 'static,
    {
        self.read_within(pair, vec![scope], read)
    }

    /// Like `read_in`, for a read that depends on several scopes of the
    /// pair. One type of list for every caller: one copy of this per type
    /// of value read.
    pub fn read_within<T>(
        self,
        pair: Id,
        scopes: Vec<Scope>,
        read: Box<dyn Fn(&PairData) -> T + Send + Sync>,
    ) -> Read<T>
    where
        T: Default + PartialEq + Send + Sync + 'static,
    {
        Read::new(move || {
            for scope in &scopes {
                self.track(pair, *scope);
            }
            self.workbook
                .with_untracked(|w| w.pair(pair).map(&read).unwrap_or_default())
        })
    }

    /// Subscribes the running memo or effect to changes within `scope`.
    pub fn track(&self, pair: Id, scope: Scope) {
        let trigger = self.readers.try_update_value(|readers| {
            readers
                .pairs
                .entry(pair)
                .or_default()
                .entry(scope)
                .or_insert_with(ArcTrigger::new)
                .clone()
        });
        if let Some(trigger) = trigger {
            trigger.track();
        }
    }

    /// Tells the readers of what a change touched, and only them: each
    /// touched record's own readers, its parent's list, the subtrees of it
    /// and its ancestors, the branch of the pair it is in and the readers
    /// of its kind. The triggers of records that are now deleted go with
    /// them.
    fn notify(&self, pair: Id, touched: Touched) {
        let mut due: Vec<ArcTrigger> = Vec::new();
        let scopes = match touched {
            Touched::WholePair => None,
            Touched::Records { changed, reshaped } => Some(self.workbook.with_untracked(|w| {
                let mut scopes = Vec::new();
                let Some(data) = w.pairs.get(&pair) else {
                    return scopes;
                };
                for id in changed {
                    let Some(record) = data.record(id) else {
                        continue;
                    };
                    let kind = record.body.kind();
                    scopes.push((Scope::Record(id), record.is_deleted()));
                    scopes.push((Scope::Kind(kind), false));
                    if reshaped.contains(&id) {
                        scopes.push((Scope::Children(record.parent), false));
                        scopes.push((Scope::Outline(kind), false));
                    }
                    let ancestry = data.ancestry(id);
                    if let Some(top) = ancestry.len().checked_sub(2).map(|at| ancestry[at]) {
                        if let Some(top) = data.record(top) {
                            scopes.push((Scope::Branch(top.body.kind()), false));
                        }
                    }
                    for ancestor in ancestry {
                        scopes.push((Scope::Subtree(ancestor), false));
                    }
                }
                scopes
            })),
        };
        self.readers.update_value(|readers| {
            due.push(readers.workbook.clone());
            let Some(triggers) = readers.pairs.get_mut(&pair) else {
                return;
            };
            match scopes {
                None => due.extend(triggers.values().cloned()),
                Some(scopes) => {
                    for (scope, gone) in scopes {
                        let found = if gone {
                            triggers.remove(&scope)
                        } else {
                            triggers.get(&scope).cloned()
                        };
                        due.extend(found);
                    }
                }
            }
        });
        for trigger in due {
            trigger.notify();
        }
    }

    /// Runs `f` on a pair as it is now, without tracking it (for event
    /// handlers); `None` once the pair has gone.
    pub fn with_pair<R>(&self, pair: Id, f: impl FnOnce(&PairData) -> R) -> Option<R> {
        self.workbook.with_untracked(|w| w.pair(pair).map(f))
    }

    /// Something read from the whole workbook (the list of pairs),
    /// recomputed on any change.
    pub fn read_workbook<T>(self, read: Box<dyn Fn(&Workbook) -> T + Send + Sync>) -> Read<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        Read::new(move || {
            if let Some(trigger) = self.readers.try_with_value(|r| r.workbook.clone()) {
                trigger.track();
            }
            self.workbook.with_untracked(&read)
        })
    }

    /// The pairs the front page and the header list: live, with their
    /// names, in the workbook's order.
    pub fn listed_pairs(self) -> Read<Vec<Id>> {
        self.read_workbook(Box::new(|w| {
            w.live_pairs()
                .into_iter()
                .filter(|(_, p)| p.info().is_some())
                .map(|(id, _)| id)
                .collect()
        }))
    }

    /// The pair's names and settings as they are now, without tracking
    /// them (for an event handler); `None` once the pair has gone.
    pub fn pair_info(&self, pair: Id) -> Option<PairInfo> {
        self.workbook
            .with_untracked(|w| w.pair(pair).and_then(|p| p.info().cloned()))
    }

    /// Whether the pair's mentorship has been closed (tracked).
    pub fn is_closed(&self, pair: Id) -> bool {
        self.track(pair, Scope::Record(pair));
        self.workbook
            .with_untracked(|w| w.pair(pair).is_some_and(PairData::is_closed))
    }

    /// The ids of a record's live children of one kind, in rank order.
    pub fn children(self, pair: Id, parent: Id, kind: Kind) -> Read<Vec<Id>> {
        self.read_in(
            pair,
            Scope::Children(parent),
            Box::new(move |p| p.children(parent, kind).iter().map(|r| r.id).collect()),
        )
    }

    /// This device's role in a pair; "both" until the user says otherwise.
    pub fn role(&self, pair: Id) -> Role {
        self.device
            .with(|d| d.roles.get(&pair).copied().unwrap_or(Role::Both))
    }

    /// Sets this device's role in a pair and saves it at once.
    pub fn set_role(&self, pair: Id, role: Role) {
        self.update_device(|d| {
            d.roles.insert(pair, role);
        });
    }

    /// Changes this device's own settings and saves them at once.
    pub fn update_device(&self, change: impl FnOnce(&mut DeviceSettings)) {
        self.device.update(change);
        if self.writable.get_value() {
            let result = self
                .device
                .with_untracked(|d| self.store.with_value(|s| s.save_device(d)));
            if let Err(error) = result {
                self.save_status
                    .set(SaveStatus::Failed(failure_advice(&error)));
            }
        }
    }

    fn schedule_save(&self) {
        if !self.writable.get_value() {
            return;
        }
        self.save_status.set(SaveStatus::Saving);
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        let state = *self;
        let timer = set_timeout_with_handle(move || state.save_now(), SAVE_DELAY).ok();
        self.save_timer.set_value(timer);
    }

    /// Writes every changed pair, then the index. Called after a pause in
    /// typing, and synchronously when the page is hidden or closed.
    pub fn save_now(&self) {
        if !self.writable.get_value() || self.dirty.with_value(IdSet::is_empty) {
            return;
        }
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
            self.save_timer.set_value(None);
        }
        let dirty: Vec<Id> = self.dirty.with_value(|d| d.iter().copied().collect());
        let store = self.store.get_value();
        for pair in dirty {
            let Some(data) = self
                .workbook
                .with_untracked(|w| w.pairs.get(&pair).cloned())
            else {
                self.dirty.update_value(|d| {
                    d.remove(&pair);
                });
                continue;
            };
            let saved = self.stored.with_value(|s| {
                let copy = s.get(&pair);
                store.save_pair(&data, copy.and_then(|c| c.seen), copy.map(|c| &c.base))
            });
            match saved {
                Ok((merged, fingerprint)) => {
                    self.dirty.update_value(|d| {
                        d.remove(&pair);
                    });
                    if merged != data {
                        self.take_merged(pair, merged.clone());
                    }
                    self.mark_stored(pair, merged, Some(fingerprint));
                }
                Err(error) => {
                    self.save_status
                        .set(SaveStatus::Failed(failure_advice(&error)));
                    return;
                }
            }
        }
        let result = self.workbook.with_untracked(|w| store.save_index(w));
        match result {
            Ok(()) => self.save_status.set(SaveStatus::Saved),
            Err(error) => self
                .save_status
                .set(SaveStatus::Failed(failure_advice(&error))),
        }
    }

    fn take_merged(&self, pair: Id, merged: PairData) {
        self.workbook.update_untracked(|w| {
            w.pairs.insert(pair, merged);
        });
        self.notify(pair, Touched::WholePair);
    }

    /// Notes that storage now holds `base` for `pair`, as this tab read or
    /// wrote it, and the fingerprint of that text when this tab knows it.
    fn mark_stored(&self, pair: Id, base: PairData, seen: Option<Fingerprint>) {
        self.stored.update_value(|s| {
            s.insert(pair, StoredCopy { seen, base });
        });
    }

    /// Another tab saved a pair: merge its copy into memory so neither tab
    /// writes over the other's work.
    pub fn on_storage_changed(&self, key: &str, text: Option<&str>) {
        let (Some(pair), Some(text)) = (self.store.with_value(|s| s.pair_of_key(key)), text) else {
            return;
        };
        let Ok(theirs) = codec::decode_pair(text) else {
            return;
        };
        let mine = self
            .workbook
            .with_untracked(|w| w.pairs.get(&pair).cloned());
        let (seen, merged) = self.stored.with_value(|s| {
            let copy = s.get(&pair);
            let merged = match (&mine, copy) {
                (Some(mine), Some(copy)) => merge_tab(mine, &theirs, &copy.base),
                (Some(mine), None) => merge_pair(mine, &theirs),
                (None, _) => theirs.clone(),
            };
            (copy.and_then(|c| c.seen), merged)
        });
        if merged.check_tree().is_err() {
            return;
        }
        // When memory now holds exactly what is stored, the next save need
        // not read the other tab's copy back and merge it again.
        let same = merged == theirs;
        self.mark_stored(
            pair,
            theirs,
            if same {
                Some(Fingerprint::of(text))
            } else {
                seen
            },
        );
        if mine.as_ref() != Some(&merged) {
            self.take_merged(pair, merged.clone());
        }
        if !same {
            self.dirty.update_value(|d| {
                d.insert(pair);
            });
            self.schedule_save();
        }
    }

    /// Everything this browser holds under Trellis's keys, for the erase
    /// confirmation.
    pub fn stored_keys(&self) -> Vec<String> {
        self.store.with_value(Store::keys)
    }

    /// Erases the whole workbook from this browser and starts empty.
    pub fn erase_everything(&self) {
        if let Some(timer) = self.save_timer.get_value() {
            timer.clear();
        }
        self.store.with_value(Store::erase_all);
        self.dirty.set_value(IdSet::new());
        self.stored.set_value(HashMap::default());
        let pairs: Vec<Id> = self
            .workbook
            .with_untracked(|w| w.pairs.keys().copied().collect());
        self.workbook.update_untracked(|w| *w = Workbook::default());
        for pair in pairs {
            self.notify(pair, Touched::WholePair);
        }
        self.device.set(DeviceSettings::default());
        self.unreadable.set(Vec::new());
        self.undo.set(None);
        let writable = self.blocked.with_untracked(Option::is_none);
        self.writable.set_value(writable);
        self.save_status.set(if writable {
            SaveStatus::Saved
        } else {
            SaveStatus::ReadOnly
        });
    }

    /// This device's private note on a session.
    pub fn private_note(&self, session: Id) -> String {
        self.store
            .with_value(|s| s.read(&s.private_note_key(session)))
            .unwrap_or_default()
    }

    /// Keeps a private note on this device; a failure says what to do.
    pub fn save_private_note(&self, session: Id, text: &str) -> Result<(), String> {
        self.store
            .with_value(|s| s.save_private_note(session, text))
            .map_err(|error| failure_advice(&error))
    }

    /// The raw text of a stored key, for downloading unreadable data.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.store.with_value(|s| s.read(key))
    }
}

/// The triggers of the reads in use, by pair and scope, and the one of
/// reads of the whole workbook.
#[derive(Default)]
struct Readers {
    pairs: HashMap<Id, HashMap<Scope, ArcTrigger>>,
    workbook: ArcTrigger,
}

/// How many times any `Read` has computed its value since the app started:
/// what the tests count to show that an edit re-runs only its own readers.
static READS_RUN: AtomicUsize = AtomicUsize::new(0);

/// The number of `Read` computations so far (see `READS_RUN`).
pub fn reads_run() -> usize {
    READS_RUN.load(Ordering::Relaxed)
}

/// How many list rows have been drawn since the app started (a row kept
/// by its keyed list is not drawn again).
static ROWS_DRAWN: AtomicUsize = AtomicUsize::new(0);

/// Counts one list row drawn.
pub fn row_drawn() {
    ROWS_DRAWN.fetch_add(1, Ordering::Relaxed);
}

/// The number of list rows drawn so far (see `ROWS_DRAWN`).
pub fn rows_drawn() -> usize {
    ROWS_DRAWN.load(Ordering::Relaxed)
}

/// A value read from the workbook, of any type, behind one memo type: every
/// `Read` shares one copy of Leptos's memo code instead of one per value
/// type (about 1 KB of wasm each; see BENCHMARKS.md).
#[derive(Clone)]
pub struct Shared(Arc<dyn SharedValue>);

/// What `Shared` needs of a value: to compare with another and be read
/// back as its own type.
trait SharedValue: Send + Sync {
    fn same(&self, other: &dyn SharedValue) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<T: PartialEq + Send + Sync + 'static> SharedValue for T {
    fn same(&self, other: &dyn SharedValue) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Shared {
    /// The value as the type its `Read` was made with.
    fn value<T: 'static>(&self) -> &T {
        match self.0.as_any().downcast_ref::<T>() {
            Some(value) => value,
            None => unreachable!("a Read is made with its own type"),
        }
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_ref())
    }
}

/// How a `Shared` memo computes its value: one type for all of them.
type Compute = Box<dyn Fn(Option<&Shared>) -> Shared + Send + Sync>;

/// A typed view of a `Shared` memo, made by `AppState::read`.
pub struct Read<T> {
    memo: Memo<Shared>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Read<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Read<T> {}

impl<T: PartialEq + Send + Sync + 'static> Read<T> {
    /// A value computed by `compute` from the signals it reads, recomputed
    /// when they change and passed on only when it differs.
    pub fn new(compute: impl Fn() -> T + Send + Sync + 'static) -> Self {
        let compute: Compute = Box::new(move |_| {
            READS_RUN.fetch_add(1, Ordering::Relaxed);
            Shared(Arc::new(compute()))
        });
        Read {
            memo: Memo::new(compute),
            value: PhantomData,
        }
    }
}

impl<T: 'static> Read<T> {
    /// Runs `f` on the current value, tracking it.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.memo.with(|shared| f(shared.value()))
    }

    /// Runs `f` on the current value without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.memo.with_untracked(|shared| f(shared.value()))
    }

    /// The current value, tracking it.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }
}

impl<T: Clone + Send + Sync + 'static> From<Read<T>> for Signal<T> {
    fn from(read: Read<T>) -> Self {
        Signal::derive(move || read.get())
    }
}

fn failure_advice(error: &SaveError) -> String {
    match error {
        SaveError::Full | SaveError::NotKept => format!(
            "{error} Your work is still here in this tab, and Export workbook in Settings still saves a copy of it. \
             Free space by deleting pairs you no longer need, or by clearing other sites' data in the browser's settings, \
             then make any change to save again."
        ),
        SaveError::Blocked(_) => format!(
            "{error} Your work is still here in this tab but will be gone when it closes. \
             Allow this site to store data (private windows often forbid it), then make any change to save again."
        ),
        SaveError::Unreadable { .. } => format!(
            "{error} Reload the page to see what happened; your work in this tab is kept until you close it."
        ),
    }
}

/// 128 random bits from the browser's cryptographic generator.
pub fn new_id() -> Id {
    let mut bits = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bits).is_ok());
    if !filled {
        // Every browser that runs wasm has crypto.getRandomValues; should
        // one refuse, Math.random still keeps ids apart.
        for half in bits.chunks_mut(8) {
            half.copy_from_slice(&js_sys::Math::random().to_bits().to_le_bytes());
        }
    }
    Id::from_u128(u128::from_be_bytes(bits))
}

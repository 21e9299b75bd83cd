//! Issue 21, item 2: two tabs never lose an edit. Each tab edits the same account against its own
//! view of the vault, which may be stale; its writes conflict and are retried exactly as the
//! session retries them ([`write_change`]). Whatever the interleaving, the stored vault ends with
//! every edit: for different fields both values, for the same field the last writer's.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::uri;
use authenticator::vault::{write_change, Content, Edit, Label, Record, Unwritten, WriteError, WRITE_TRIES};
use proptest::prelude::*;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

const SECRET_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const CODES: [&str; 3] = ["11111111", "22222222", "33333333"];

/// Three accounts; the middle one ("Shared") has backup codes and is the one both tabs edit.
fn vault() -> (Content, u64) {
    let mut c = Content::default();
    let mut ids = Vec::new();
    for (issuer, name) in [("First", "a"), ("Shared", "start"), ("Last", "z")] {
        let link = format!("otpauth://totp/{issuer}:{name}?secret={SECRET_B32}&issuer={issuer}");
        ids.push(c.add(&uri::parse(&link).expect("valid").account, 1).expect("storable"));
    }
    let shared = ids[1];
    assert!(c.set_codes(shared, CodeSet::new(Shape::Digits8, CODES.iter().map(|s| (*s).to_owned()).collect(), 2), 2));
    (c, shared)
}

/// A tab's copy of the stored record: the content and the revision it was read at.
#[derive(Clone, Debug)]
struct View {
    revision: u64,
    content: Content,
}

/// The stored record (IndexedDB, shared by the tabs), and the edits of each write it took, in order.
struct Store {
    revision: u64,
    content: Content,
    committed: Vec<(char, Vec<Edit>)>,
}

impl Store {
    fn view(&self) -> View {
        View { revision: self.revision, content: self.content.clone() }
    }
}

/// Pending once: where the other tab may run (a write or a read is under way).
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// One tab's way to the store: each write and read lets the other tab run first; a write checks
/// the revision and stores the whole view at once, as the IndexedDB transaction does.
struct Tab<'a> {
    name: char,
    store: &'a RefCell<Store>,
    /// The edits of the change being written (for the store's log).
    edits: Vec<Edit>,
}

impl Record for Tab<'_> {
    type View = View;
    type Error = ();

    async fn write(&mut self, view: &mut View) -> Result<(), WriteError<()>> {
        YieldNow(false).await;
        let mut store = self.store.borrow_mut();
        if store.revision != view.revision {
            return Err(WriteError::Conflict);
        }
        store.revision += 1;
        store.content = view.content.clone();
        store.committed.push((self.name, self.edits.clone()));
        view.revision = store.revision;
        Ok(())
    }

    async fn read(&mut self, _: &View) -> Result<View, ()> {
        YieldNow(false).await;
        Ok(self.store.borrow().view())
    }
}

/// What a user does to the shared account in one tab.
#[derive(Clone, Debug)]
enum Action {
    /// Opens the edit form and changes these fields (service name, account name, tags).
    Form { issuer: bool, name: bool, tags: bool },
    /// Pins or unpins it from the row menu.
    Pin(bool),
    /// Marks one of its backup codes used, or unused again.
    Mark { code: usize, used: bool },
    /// Moves it up or down.
    Move(i32),
}

fn an_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (any::<bool>(), any::<bool>(), any::<bool>())
            .prop_filter("the user changes something", |(i, n, t)| *i || *n || *t)
            .prop_map(|(issuer, name, tags)| Action::Form { issuer, name, tags }),
        1 => any::<bool>().prop_map(Action::Pin),
        2 => (0..CODES.len(), any::<bool>()).prop_map(|(code, used)| Action::Mark { code, used }),
        1 => prop_oneof![Just(-1), Just(1)].prop_map(Action::Move),
    ]
}

/// The values a user's action sets: unique to the tab and the action, so each field's final
/// value names the action that wrote it.
fn typed_issuer(tab: char, n: usize) -> String {
    format!("{tab}{n} service")
}
fn typed_name(tab: char, n: usize) -> String {
    format!("{tab}{n} account")
}
fn typed_tags(tab: char, n: usize) -> Vec<String> {
    vec![format!("{tab}{n}"), "both".to_owned()]
}
fn used_at(tab: char, n: usize) -> u64 {
    1_000 * u64::from(tab) + n as u64
}

/// The edits the app makes of `action`, against the tab's own view (the edit form opened on it).
fn edits_of(action: &Action, tab: char, n: usize, id: u64, view: &Content) -> Vec<Edit> {
    match *action {
        Action::Form { issuer, name, tags } => {
            let seen = Label::of(view.get(id).expect("the shared account"));
            let mut typed = seen.clone();
            if issuer {
                typed.issuer = typed_issuer(tab, n);
            }
            if name {
                typed.name = typed_name(tab, n);
            }
            if tags {
                typed.tags = typed_tags(tab, n);
            }
            seen.edits_to(id, &typed)
        }
        Action::Pin(pinned) => vec![Edit::Pinned { id, pinned }],
        Action::Mark { code, used } => vec![Edit::MarkCode { id, code: CODES[code].to_owned(), used_ms: used.then(|| used_at(tab, n)) }],
        Action::Move(delta) => vec![Edit::MoveBy { id, delta }],
    }
}

/// One tab doing `actions` in turn. Before each, `hears[i]`: the tab has heard of the other
/// tab's last save and reloaded its view; otherwise it acts on the view it had (stale or not).
async fn tab(name: char, store: &RefCell<Store>, id: u64, actions: &[Action], hears: &[bool]) {
    let mut view = store.borrow().view();
    for (n, action) in actions.iter().enumerate() {
        if hears.get(n).copied().unwrap_or(false) {
            view = store.borrow().view();
        }
        // The user takes a moment: the other tab may save meanwhile.
        YieldNow(false).await;
        let edits = edits_of(action, name, n, id, &view.content);
        let mut record = Tab { name, store, edits: edits.clone() };
        let written = write_change(&mut record, view.clone(), |_, v: &mut View| v.content.apply(&edits)).await;
        match written {
            Ok((stored, applied)) => {
                assert_eq!(applied, Ok(true), "tab {name}'s edit {action:?} applies to the record stored now");
                view = stored;
            }
            // Fewer saves by the other tab than tries: a write never runs out of them here.
            Err(e) => panic!("tab {name}'s edit {action:?} was not written: {e:?}"),
        }
    }
}

/// Polls `a` and `b` in the order `schedule` says (true: `a`), then in turns, until both end.
fn interleave(a: impl Future<Output = ()>, b: impl Future<Output = ()>, schedule: &[bool]) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let mut cx = Context::from_waker(Waker::noop());
    let (mut a_done, mut b_done) = (false, false);
    let mut turns = schedule.iter().copied().chain([true, false].into_iter().cycle());
    for _ in 0..100_000 {
        if a_done && b_done {
            return;
        }
        let pick_a = match turns.next() {
            _ if b_done => true,
            _ if a_done => false,
            Some(t) => t,
            None => true,
        };
        if pick_a {
            a_done = a.as_mut().poll(&mut cx).is_ready();
        } else {
            b_done = b.as_mut().poll(&mut cx).is_ready();
        }
    }
    panic!("the two tabs did not finish");
}

/// Each field of the shared account as the last committed action that set it says, from the
/// store's log (the edits of each write) read back into user actions.
#[derive(Debug, PartialEq)]
struct Fields {
    issuer: String,
    name: String,
    tags: Vec<String>,
    pinned: bool,
    codes: Vec<Option<u64>>,
}

fn fields_of(c: &Content, id: u64) -> Fields {
    let entry = c.get(id).expect("the shared account is there");
    let label = Label::of(entry);
    let set = entry.backup_codes.as_ref().expect("its codes");
    Fields { issuer: label.issuer, name: label.name, tags: label.tags, pinned: entry.pinned, codes: set.codes.iter().map(|c| c.used_ms).collect() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Tab A's and tab B's edits of one account, each on its own possibly stale view, in any
    /// interleaving: the stored vault ends with every field as the last tab that changed *that
    /// field* set it (so two edits of different fields both stay), and is exactly the edits
    /// applied one after the other in the order they were stored (nothing else is lost).
    #[test]
    fn two_tabs_editing_one_account_in_any_order_keep_every_edit(
        a in prop::collection::vec(an_action(), 1..=4),
        b in prop::collection::vec(an_action(), 1..=4),
        a_hears in prop::collection::vec(any::<bool>(), 4),
        b_hears in prop::collection::vec(any::<bool>(), 4),
        schedule in prop::collection::vec(any::<bool>(), 0..60),
    ) {
        let (start, id) = vault();
        let store = RefCell::new(Store { revision: 1, content: start.clone(), committed: Vec::new() });
        interleave(tab('A', &store, id, &a, &a_hears), tab('B', &store, id, &b, &b_hears), &schedule);
        let store = store.into_inner();
        prop_assert_eq!(store.committed.len(), a.len() + b.len(), "every edit was stored once");

        // Field by field: the last committed action that set it, in the user's own values.
        let mut want = fields_of(&start, id);
        let mut seq = std::collections::HashMap::new();
        for (tab, _) in &store.committed {
            let n: &mut usize = seq.entry(*tab).or_default();
            let action = if *tab == 'A' { &a[*n] } else { &b[*n] };
            match *action {
                Action::Form { issuer, name, tags } => {
                    if issuer { want.issuer = typed_issuer(*tab, *n); }
                    if name { want.name = typed_name(*tab, *n); }
                    if tags { want.tags = typed_tags(*tab, *n); }
                }
                Action::Pin(p) => want.pinned = p,
                Action::Mark { code, used } => want.codes[code] = used.then(|| used_at(*tab, *n)),
                Action::Move(_) => {}
            }
            *n += 1;
        }
        prop_assert_eq!(fields_of(&store.content, id), want, "log: {:?}", store.committed);

        // The whole vault: the stored edits applied in order to the vault both tabs started from.
        let mut serial = start;
        for (_, edits) in &store.committed {
            prop_assert_eq!(serial.apply(edits), Ok(true));
        }
        prop_assert!(serial == store.content, "the vault is the stored edits applied in order");
    }
}

/// The case, every interleaving of the two saves: tab 1 renames, tab 2 sets tags, on the
/// same view; after both, the stored account has the new name and the new tags.
#[test]
fn a_rename_and_new_tags_at_the_same_moment_both_stay_in_every_order() {
    let rename = [Action::Form { issuer: false, name: true, tags: false }];
    let retag = [Action::Form { issuer: false, name: false, tags: true }];
    for bits in 0u32..(1 << 8) {
        let schedule: Vec<bool> = (0..8).map(|i| bits & (1 << i) != 0).collect();
        let (start, id) = vault();
        let store = RefCell::new(Store { revision: 1, content: start, committed: Vec::new() });
        interleave(tab('A', &store, id, &rename, &[]), tab('B', &store, id, &retag, &[]), &schedule);
        let stored = fields_of(&store.borrow().content, id);
        assert_eq!((stored.name.as_str(), stored.tags), (typed_name('A', 0).as_str(), typed_tags('B', 0)), "schedule {schedule:?}");
    }
}

/// A record whose writes answer from a script (conflict or not) and whose reads give the
/// vault another tab stored; counts the calls.
struct Scripted {
    writes: Vec<Result<(), WriteError<&'static str>>>,
    read: Result<View, &'static str>,
    wrote: Cell<usize>,
    reads: Cell<usize>,
}

impl Record for Scripted {
    type View = View;
    type Error = &'static str;

    async fn write(&mut self, view: &mut View) -> Result<(), WriteError<&'static str>> {
        let n = self.wrote.get();
        self.wrote.set(n + 1);
        let answer = self.writes.get(n).cloned().unwrap_or(Err(WriteError::Conflict));
        if answer.is_ok() {
            view.revision += 1;
        }
        answer
    }

    async fn read(&mut self, _: &View) -> Result<View, &'static str> {
        self.reads.set(self.reads.get() + 1);
        self.read.clone()
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// What another tab stored while this one was renaming: the same vault with new tags.
fn stored_elsewhere() -> (View, View, u64) {
    let (c, id) = vault();
    let mine = View { revision: 1, content: c.clone() };
    let mut theirs = View { revision: 2, content: c };
    assert_eq!(theirs.content.apply(&[Edit::Tags { id, tags: vec!["theirs".into()] }]), Ok(true));
    (mine, theirs, id)
}

#[test]
fn after_a_conflict_the_change_is_applied_again_to_the_record_stored_now() {
    let (mine, theirs, id) = stored_elsewhere();
    let mut record = Scripted { writes: vec![Err(WriteError::Conflict), Ok(())], read: Ok(theirs), wrote: Cell::new(0), reads: Cell::new(0) };
    let applied = Cell::new(0);
    let rename = [Edit::Name { id, name: "mine".into() }];
    let written = block_on(write_change(&mut record, mine, |base: &View, v: &mut View| {
        applied.set(applied.get() + 1);
        (base.revision, v.content.apply(&rename))
    }));
    let (view, (based_on, result)) = written.expect("written on the second try");
    assert_eq!((record.wrote.get(), record.reads.get(), applied.get()), (2, 1, 2), "written, refused, read again, applied again, written");
    assert_eq!((based_on, result, view.revision), (2, Ok(true), 3), "the second try is built on the record the other tab stored");
    let label = Label::of(view.content.get(id).expect("there"));
    assert_eq!((label.name.as_str(), label.tags), ("mine", vec!["theirs".to_owned()]), "both tabs' fields");
}

#[test]
fn a_write_gives_up_after_the_tries_when_others_keep_saving_first() {
    let (mine, theirs, id) = stored_elsewhere();
    let mut record = Scripted { writes: Vec::new(), read: Ok(theirs), wrote: Cell::new(0), reads: Cell::new(0) };
    let written = block_on(write_change(&mut record, mine, |_, v: &mut View| v.content.apply(&[Edit::Pinned { id, pinned: true }])));
    assert_eq!(written.err(), Some(Unwritten::Conflicts));
    assert_eq!(record.wrote.get(), WRITE_TRIES);
}

#[test]
fn a_failed_write_or_read_stops_at_once_with_its_reason() {
    let (mine, _, id) = stored_elsewhere();
    let change = |_: &View, v: &mut View| v.content.apply(&[Edit::Pinned { id, pinned: true }]);
    let mut full = Scripted { writes: vec![Err(WriteError::Failed("quota"))], read: Err("unused"), wrote: Cell::new(0), reads: Cell::new(0) };
    assert_eq!(block_on(write_change(&mut full, mine.clone(), change)).err(), Some(Unwritten::Failed("quota")));
    assert_eq!((full.wrote.get(), full.reads.get()), (1, 0));
    let mut unreadable = Scripted { writes: vec![Err(WriteError::Conflict)], read: Err("other key"), wrote: Cell::new(0), reads: Cell::new(0) };
    assert_eq!(block_on(write_change(&mut unreadable, mine, change)).err(), Some(Unwritten::Failed("other key")));
    assert_eq!((unreadable.wrote.get(), unreadable.reads.get()), (1, 1));
}

/// The edit form writes the fields the user changed and nothing else; a field kept as it was,
/// even shown stale, is never written back.
#[test]
fn the_edit_form_writes_only_the_fields_changed() {
    let (c, id) = vault();
    let seen = Label::of(c.get(id).expect("there"));
    let mut typed = seen.clone();
    typed.name = "  renamed ".into();
    typed.issuer = format!(" {} ", seen.issuer);
    assert_eq!(seen.edits_to(id, &typed), vec![Edit::Name { id, name: "  renamed ".into() }], "spaces around a name are not a change");
    assert_eq!(seen.edits_to(id, &seen), vec![]);
    let mut other = c.clone();
    assert_eq!(other.apply(&[Edit::Tags { id, tags: vec!["new".into()] }]), Ok(true));
    assert_eq!(other.apply(&seen.edits_to(id, &typed)), Ok(true));
    let now = Label::of(other.get(id).expect("there"));
    assert_eq!((now.name.as_str(), now.tags), ("renamed", vec!["new".to_owned()]));
}

/// An edit of an account deleted meanwhile changes nothing; one past a limit is refused whole.
#[test]
fn edits_apply_whole_or_not_at_all() {
    let (c, id) = vault();
    let mut gone = c.clone();
    assert_eq!(gone.apply(&[Edit::Remove { id }]), Ok(true));
    let before = gone.clone();
    assert_eq!(gone.apply(&[Edit::Name { id, name: "x".into() }, Edit::Pinned { id, pinned: true }]), Ok(false));
    assert!(gone == before);
    let mut c2 = c.clone();
    let long = "a".repeat(authenticator::account::MAX_LABEL_LEN + 1);
    assert!(c2.apply(&[Edit::Tags { id, tags: vec!["t".into()] }, Edit::Issuer { id, issuer: long }]).is_err());
    assert!(c2 == c, "nothing of a refused edit is written");
    // A change of tags alone leaves the stored link as it was.
    let uri = c.get(id).and_then(|e| e.uri().map(str::to_owned));
    assert_eq!(c2.apply(&[Edit::Tags { id, tags: vec!["t".into()] }]), Ok(true));
    assert_eq!(c2.get(id).and_then(|e| e.uri().map(str::to_owned)), uri);
}

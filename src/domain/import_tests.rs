//! Importing another copy of a workbook: the preview's counts and the
//! Import action with its undo.

use chrono::{Duration, TimeZone, Utc};

use super::fixture::Fixture;
use super::*;

fn fixture() -> Fixture {
    Fixture::at(Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap())
}

fn resource(title: &str) -> Body {
    Body::Resource(Resource {
        title: title.into(),
        ..Resource::default()
    })
}

/// The other device's copy, made by importing this one's.
fn imported(book: &Workbook) -> Workbook {
    let mut copy = Workbook::default();
    for (id, pair) in &book.pairs {
        copy.pairs
            .insert(*id, import_pair(&PairData::default(), pair));
    }
    copy
}

#[test]
fn the_preview_counts_what_a_merge_would_add_update_keep_and_delete() {
    let mut mine = fixture();
    let pair = mine.pair;
    let kept = mine.add(pair, resource("Ours, edited later"));
    let updated = mine.add(pair, resource("Theirs, edited later"));
    let deleted = mine.add(pair, resource("Deleted by them"));

    let mut theirs = Fixture {
        book: imported(&mine.book),
        pair,
        ids: SequentialIds(500),
        now: mine.now + Duration::hours(1),
    };
    theirs.add(pair, resource("Only theirs"));
    theirs.apply(Action::Update {
        pair,
        record: updated,
        body: resource("Theirs, changed"),
        by: None,
        date: mine.now.date_naive(),
        reason: String::new(),
    });
    theirs.apply(Action::Delete {
        pair,
        record: deleted,
    });
    mine.now += Duration::hours(2);
    mine.apply(Action::Update {
        pair,
        record: kept,
        body: resource("Ours, changed"),
        by: None,
        date: mine.now.date_naive(),
        reason: String::new(),
    });

    let preview = preview_import(&mine.book, &theirs.book);
    assert_eq!(
        preview,
        [ImportPreview {
            pair,
            name: "Ana & Ben".into(),
            new: false,
            deleted_here: false,
            added: 1,
            updated: 1,
            kept: 1,
            deleted: 1,
            conflicts: 0,
        }]
    );
    assert!(preview_import(&mine.book, &mine.book)[0].unchanged());
    let back = preview_import(&theirs.book, &mine.book);
    assert_eq!(
        (back[0].added, back[0].updated, back[0].kept),
        (0, 1, 2),
        "from their side, our edit is newer and their two changes are kept"
    );
}

#[test]
fn a_pair_new_to_this_device_is_named_and_counted() {
    let theirs = fixture();
    let preview = preview_import(&Workbook::default(), &theirs.book);
    assert_eq!(preview.len(), 1);
    assert!(preview[0].new);
    assert_eq!(preview[0].added, theirs.data().len());
    assert_eq!(preview[0].name, "Ana & Ben");
}

#[test]
fn an_import_puts_the_pair_in_place_and_its_undo_puts_it_back() {
    let mut mine = fixture();
    let pair = mine.pair;
    let before = mine.book.clone();
    let mut theirs = mine.data().clone();
    let mut other = Fixture {
        book: Workbook::default(),
        pair,
        ids: SequentialIds(900),
        now: mine.now,
    };
    other.book.pairs.insert(pair, theirs.clone());
    other.add(pair, resource("From the file"));
    theirs = other.data().clone();

    let merged = merge_pair(mine.data(), &theirs);
    let applied = mine.apply(Action::Import {
        data: merged.clone(),
    });
    assert_eq!(mine.data(), &merged);
    mine.apply(applied.undo);
    assert_eq!(mine.book, before);
    // The undo puts the earlier versions back as they were (not as newer
    // deletions), so the same file imported again brings its work back,
    // and nothing of the other side's is deleted at the next exchange.
    let again = merge_pair(mine.data(), &theirs);
    assert_eq!(again, merged);
}

#[test]
fn undoing_the_import_of_a_new_pair_deletes_it() {
    let theirs = fixture();
    let mut mine = Fixture {
        book: Workbook::default(),
        pair: theirs.pair,
        ids: SequentialIds(900),
        now: theirs.now,
    };
    let applied = mine.apply(Action::Import {
        data: theirs.data().clone(),
    });
    assert_eq!(mine.book.live_pairs().len(), 1);
    mine.apply(applied.undo);
    assert!(mine.book.live_pairs().is_empty());
}

#[test]
fn the_export_reminder_waits_for_unsent_changes_older_than_the_chosen_days() {
    let mut f = fixture();
    let start = f.now;
    let pair = f.pair;
    let days = |n: i64| start + Duration::days(n);
    assert_eq!(
        f.data().export_reminder(None, days(13), 14),
        None,
        "a new pair is not reminded about before 14 days"
    );
    assert_eq!(f.data().export_reminder(None, days(15), 14), Some(15));
    assert_eq!(
        f.data().export_reminder(Some(days(1)), days(30), 14),
        None,
        "nothing changed since the export"
    );
    f.now = days(2);
    f.add(pair, resource("Added after the export"));
    assert_eq!(f.data().export_reminder(Some(days(1)), days(14), 14), None);
    assert_eq!(
        f.data().export_reminder(Some(days(1)), days(15), 14),
        Some(14)
    );
    assert_eq!(f.data().export_reminder(Some(days(1)), days(4), 3), Some(3));
}

#[test]
fn a_merge_says_what_it_brought_kind_by_kind() {
    let mut mine = fixture();
    let pair = mine.pair;
    let mut theirs = Fixture {
        book: mine.book.clone(),
        pair,
        ids: SequentialIds(500),
        now: mine.now + Duration::hours(1),
    };
    let session = theirs.add(
        pair,
        Body::Session(Session {
            starts_at: Some(theirs.now),
            ..Session::default()
        }),
    );
    for title in ["Book the room", "Send the agenda"] {
        theirs.add(
            session,
            Body::ActionItem(ActionItem {
                title: title.into(),
                ..ActionItem::default()
            }),
        );
    }
    mine.add(pair, resource("Ours only"));
    let merged = merge_pair(mine.data(), theirs.data());
    assert_eq!(
        brought_in(Some(mine.data()), &merged),
        "1 session, 2 actions"
    );
    assert_eq!(brought_in(Some(&merged), &merged), "");
    assert_eq!(
        brought_in(None, &fixture().data().clone()),
        "1 change to the pair, 1 change to the agreement"
    );
}

#[test]
fn a_pair_deleted_here_is_previewed_as_deleted_stays_deleted_and_can_be_brought_back() {
    let theirs = fixture();
    let pair = theirs.pair;
    let file = theirs.book.clone();
    let mut mine = Fixture {
        book: file.clone(),
        pair,
        ids: SequentialIds(900),
        now: theirs.now,
    };
    mine.apply(Action::DeletePair { pair });
    assert!(mine.book.live_pairs().is_empty());

    let preview = &preview_import(&mine.book, &file)[0];
    assert!(preview.deleted_here && !preview.new, "{preview:?}");

    // Merged, it stays deleted: the deletion here is newer than the file.
    let later = mine.now + chrono::Duration::minutes(5);
    let merged = imported_pairs(&mine.book, &file, false, &[], later).unwrap();
    assert!(merged.iter().all(PairData::is_deleted));

    // Brought back, it is alive with the file's content, newer than the
    // deletion, so the next merge with the other side keeps it alive.
    let back = imported_pairs(&mine.book, &file, false, &[pair], later).unwrap();
    let [back] = back.as_slice() else {
        panic!("one pair comes back: {back:?}");
    };
    assert!(!back.is_deleted());
    assert_eq!(back.len(), file.pairs[&pair].len());
    for record in file.pairs[&pair].records() {
        assert_eq!(back.record(record.id).map(|r| &r.body), Some(&record.body));
    }
    let next_exchange = import_pair(back, &file.pairs[&pair]);
    assert!(!next_exchange.is_deleted());
    let theirs_after = import_pair(&file.pairs[&pair], back);
    assert!(!theirs_after.is_deleted());
}

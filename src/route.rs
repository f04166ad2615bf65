//! Hash routes, so deep links work on any static host and under any path.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::{Id, Stage};

/// Where the workshop's demo lives: its pages are the app's own pages
/// under this hash (`#/demo/pair/<id>/plan`), so a reload stays in it.
pub const DEMO_HASH: &str = "#/demo";

/// Whether this page runs the demo; fixed at start-up, as the demo and the
/// workbook never share a page.
static IN_DEMO: AtomicBool = AtomicBool::new(false);

/// The parts of a hash's path: `#/pair/<id>/agree` is `pair`, `<id>`,
/// `agree`.
fn path_parts(hash: &str) -> Vec<&str> {
    hash.trim_start_matches('#')
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect()
}

/// Whether `hash` is an address of the demo.
pub fn is_demo(hash: &str) -> bool {
    path_parts(hash).first() == Some(&"demo")
}

/// Whether this page runs the demo.
pub fn in_demo() -> bool {
    IN_DEMO.load(Ordering::Relaxed)
}

/// Sets whether this page runs the demo, so every link it makes stays on
/// the same side.
pub fn set_demo(demo: bool) {
    IN_DEMO.store(demo, Ordering::Relaxed);
}

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The workbook: the pairs, or a welcome when there are none.
    Home,
    Settings,
    Pair(Id, PairPage),
    /// A share link: a pair inside the fragment, to preview and import.
    Share,
    NotFound,
}

/// How a share link's fragment starts: no route starts so, and a browser
/// never sends the fragment to a server. The version names the link's
/// format, so a later one can be told apart.
pub const SHARE_LINK: &str = "#share=v1.";

/// Longer links than this are cut by many chat and mail tools.
pub const LINK_LIMIT: usize = 2000;

/// What to say of a share link `length` characters long.
pub fn share_link_note(length: usize) -> String {
    let mut note = format!(
        "{length} characters. The pair travels inside the link, after the #, which browsers never send to a server; private notes stay here."
    );
    if length > LINK_LIMIT {
        note += &format!(" This is longer than many chat and mail tools accept (about {LINK_LIMIT} characters): send the file instead (Export this pair).");
    }
    note
}

/// A page within a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairPage {
    Dashboard,
    Stage(Stage),
}

impl PairPage {
    /// The pages of a pair in the order the navigation shows them.
    pub const ALL: [PairPage; 5] = [
        PairPage::Dashboard,
        PairPage::Stage(Stage::Agree),
        PairPage::Stage(Stage::Plan),
        PairPage::Stage(Stage::Meet),
        PairPage::Stage(Stage::Review),
    ];

    fn slug(self) -> &'static str {
        match self {
            PairPage::Dashboard => "dashboard",
            PairPage::Stage(Stage::Agree) => "agree",
            PairPage::Stage(Stage::Plan) => "plan",
            PairPage::Stage(Stage::Meet) => "meet",
            PairPage::Stage(Stage::Review) => "review",
        }
    }

    /// The page's name.
    pub fn label(self) -> &'static str {
        match self {
            PairPage::Dashboard => "Dashboard",
            PairPage::Stage(stage) => stage.label(),
        }
    }
}

impl Route {
    /// Reads a location hash such as `#/pair/<id>/agree`.
    pub fn parse(hash: &str) -> Route {
        if hash.starts_with("#share=") {
            return Route::Share;
        }
        let parts = path_parts(hash);
        let parts = match parts.as_slice() {
            ["demo", rest @ ..] => rest,
            all => all,
        };
        match parts {
            [] | [""] => Route::Home,
            ["settings"] => Route::Settings,
            ["pair", id] => {
                Id::parse(id).map_or(Route::NotFound, |id| Route::Pair(id, PairPage::Dashboard))
            }
            ["pair", id, page] => {
                match (
                    Id::parse(id),
                    PairPage::ALL.into_iter().find(|p| p.slug() == *page),
                ) {
                    (Some(id), Some(page)) => Route::Pair(id, page),
                    _ => Route::NotFound,
                }
            }
            _ => Route::NotFound,
        }
    }

    /// The hash that leads to this route, in the demo while the page runs
    /// it.
    pub fn to_hash(self) -> String {
        let path = match self {
            Route::Home | Route::NotFound | Route::Share => String::new(),
            Route::Settings => "settings".into(),
            Route::Pair(id, page) => format!("pair/{id}/{}", page.slug()),
        };
        if in_demo() {
            format!("{DEMO_HASH}/{path}")
        } else {
            format!("#/{path}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_hash() {
        let id = Id::from_u128(0xabc);
        let mut routes = vec![Route::Home, Route::Settings];
        routes.extend(PairPage::ALL.map(|page| Route::Pair(id, page)));
        for route in routes {
            assert_eq!(Route::parse(&route.to_hash()), route, "{}", route.to_hash());
        }
    }

    #[test]
    fn loose_hashes_still_find_their_page() {
        let id = Id::from_u128(7);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(
            Route::parse(&format!("#/pair/{id}")),
            Route::Pair(id, PairPage::Dashboard)
        );
        assert_eq!(
            Route::parse(&format!("#/pair/{id}/meet/")),
            Route::Pair(id, PairPage::Stage(Stage::Meet))
        );
    }

    #[test]
    fn unknown_hashes_are_not_found() {
        assert_eq!(Route::parse("#/pair/not-an-id/agree"), Route::NotFound);
        assert_eq!(
            Route::parse("#share=v1.q1YqzcsrSUxJVbJSSs4vzSsBAA"),
            Route::Share
        );
        assert_eq!(Route::parse("#share=v2.abc"), Route::Share);
        assert_eq!(
            Route::parse(&format!("#/pair/{}/gossip", Id::from_u128(7))),
            Route::NotFound
        );
        assert_eq!(Route::parse("#/elsewhere"), Route::NotFound);
    }

    #[test]
    fn the_demo_has_the_same_pages_under_its_own_hash() {
        let id = Id::from_u128(0xabc);
        for hash in ["#/demo", "#/demo/", "#demo"] {
            assert!(is_demo(hash), "{hash}");
            assert_eq!(Route::parse(hash), Route::Home, "{hash}");
        }
        assert_eq!(
            Route::parse(&format!("#/demo/pair/{id}/plan")),
            Route::Pair(id, PairPage::Stage(Stage::Plan))
        );
        assert_eq!(Route::parse("#/demo/settings"), Route::Settings);
        for hash in ["#/", "#/settings", "#/demolition", "#share=v1.x", ""] {
            assert!(!is_demo(hash), "{hash}");
        }
    }

    #[test]
    fn a_share_link_says_its_length_and_warns_past_the_chat_limit() {
        let short = share_link_note(1200);
        assert!(short.starts_with("1200 characters."));
        assert!(!short.contains("send the file instead"));
        let long = share_link_note(2001);
        assert!(long.contains("send the file instead"), "{long}");
        assert!(!share_link_note(2000).contains("send the file instead"));
    }
}

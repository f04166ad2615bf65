//! Hash routes, so deep links work on any static host and under any path.

use crate::domain::{Id, Stage};

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The workbook: the pairs, or a welcome when there are none.
    Home,
    Settings,
    Pair(Id, PairPage),
    NotFound,
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
        let path = hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::Home,
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

    /// The hash that leads to this route.
    pub fn to_hash(self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::Settings => "#/settings".into(),
            Route::Pair(id, page) => format!("#/pair/{id}/{}", page.slug()),
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
            Route::parse(&format!("#/pair/{}/gossip", Id::from_u128(7))),
            Route::NotFound
        );
        assert_eq!(Route::parse("#/elsewhere"), Route::NotFound);
    }
}

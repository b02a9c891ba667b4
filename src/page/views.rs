//! The page's views: the one assignment being changed (the default), Bulk and History. One is
//! open at a time; the address says which (`?view=bulk`), so that reload and back keep it.

/// A view of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The one assignment being changed: the pickers, the target, the request and its answer.
    Assignment,
    /// Many assignments at once.
    Bulk,
    /// The requests sent.
    History,
}

impl View {
    /// Every view, in the order of the tabs.
    pub const ALL: [View; 3] = [View::Assignment, View::Bulk, View::History];

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            View::Assignment => "One assignment",
            View::Bulk => "Bulk",
            View::History => "History",
        }
    }

    /// Its word in the address and in its elements' ids.
    pub fn key(self) -> &'static str {
        match self {
            View::Assignment => "assignment",
            View::Bulk => "bulk",
            View::History => "history",
        }
    }

    /// The id of its tab.
    pub fn tab_id(self) -> &'static str {
        match self {
            View::Assignment => "tab-assignment",
            View::Bulk => "tab-bulk",
            View::History => "tab-history",
        }
    }

    /// The id of its panel.
    pub fn panel_id(self) -> &'static str {
        match self {
            View::Assignment => "view-assignment",
            View::Bulk => "view-bulk",
            View::History => "view-history",
        }
    }

    /// The view an address's query names (`?view=bulk`); the default for none or an unknown one.
    pub fn from_query(query: &str) -> View {
        let named = query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("view="));
        View::ALL
            .into_iter()
            .find(|view| Some(view.key()) == named)
            .unwrap_or(View::Assignment)
    }

    /// The query that names it (empty for the default view).
    pub fn query(self) -> &'static str {
        match self {
            View::Assignment => "",
            View::Bulk => "?view=bulk",
            View::History => "?view=history",
        }
    }

    /// The view `step` tabs away (wrapping), for the arrow keys.
    pub fn step(self, step: isize) -> View {
        let at = View::ALL.iter().position(|view| *view == self).unwrap_or(0) as isize;
        let count = View::ALL.len() as isize;
        View::ALL[(at + step).rem_euclid(count) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_names_the_view_and_the_default_needs_no_name() {
        for view in View::ALL {
            assert_eq!(View::from_query(view.query()), view);
            assert!(view.tab_id().ends_with(view.key()) && view.panel_id().ends_with(view.key()));
        }
        assert_eq!(View::Assignment.query(), "");
        assert_eq!(View::from_query("?code=x&view=history"), View::History);
        assert_eq!(View::from_query("?view=nonsense"), View::Assignment);
        assert_eq!(View::from_query(""), View::Assignment);
    }

    #[test]
    fn the_arrow_keys_wrap_around_the_tabs() {
        assert_eq!(View::Assignment.step(1), View::Bulk);
        assert_eq!(View::Assignment.step(-1), View::History);
        assert_eq!(View::History.step(1), View::Assignment);
    }
}

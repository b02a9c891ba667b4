//! What the worker knows of the tenant's groups and filters, for one service root: the names
//! [`crate::worker::name_work`] reads, and the words of a target with them, for every feature of the
//! worker that shows a target ("Load current", the Bulk view) without depending on the names'
//! own work. The worker's state holds one (see [`crate::worker::workbench::Workbench`]).

use graph_model::AssignmentTarget;
use graph_model::directory::{AssignmentFilterEntity, Group};
use graph_model::target_names::{NameCache, target_in_words};

use crate::shared::draft::Draft;

/// What is known of the tenant's groups and filters, for one service root.
#[derive(Default)]
pub struct Directory {
    /// The service root's base URL the names were read from.
    pub base: String,
    /// The names by id, and the reads that failed.
    pub names: NameCache,
    /// The groups read, for the admin center's rules.
    pub groups: Vec<Group>,
    /// The filters read, for the admin center's rules.
    pub filters: Vec<AssignmentFilterEntity>,
}

/// `target` in words, with the names already looked up for `draft`'s environment.
pub fn target_words_of(directory: &Directory, draft: &Draft, target: &AssignmentTarget) -> String {
    let base = draft
        .service_root()
        .map(|root| root.base_url())
        .unwrap_or_default();
    if directory.base == base {
        target_in_words(target, &directory.names)
    } else {
        target_in_words(target, &NameCache::default())
    }
}

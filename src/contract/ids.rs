//! The ids of the page's elements that both sides name: the page gives them to the containers
//! of the parts the worker shows, and the worker's views refer to them (labels, `aria-*`) or
//! read them back from events.

/// The sign-in group's container.
pub const SIGN_IN_ID: &str = "signin";
/// The token insight's container.
pub const INSIGHT_ID: &str = "token-insight";
/// The Code panel's body, which the worker shows.
pub const CODE_BODY_ID: &str = "code-body";
/// The status of the last copy of a snippet: the page's, outside the body, so that it outlives
/// the worker's writes of the same snippet.
pub const COPY_STATUS_ID: &str = "snippet-copy-status";
/// The snippet's language list.
pub const LANGUAGE_ID: &str = "snippet-language";
/// The Bulk view's container.
pub const BULK_BODY_ID: &str = "bulk-body";
/// The container of "Pick a configuration".
pub const CONFIGURATION_LIST_ID: &str = "configuration-list";
/// The container of "Pick an assignment".
pub const ASSIGNMENT_LIST_ID: &str = "assignment-list";
/// The status of "Load current".
pub const CURRENT_ID: &str = "current-status";
/// The name beside the Group ID field.
pub const GROUP_NAME_ID: &str = "group-id-name";
/// The name beside the Filter ID field.
pub const FILTER_NAME_ID: &str = "filter-id-name";
/// The change in words, under the request line.
pub const CHANGE_ID: &str = "change-in-words";
/// The admin center's rules that the target breaks.
pub const HINTS_ID: &str = "target-hints";
/// The history list's container.
pub const HISTORY_LIST_ID: &str = "history-list";

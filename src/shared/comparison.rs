//! The target before and after a write, field by field, with the changes marked.

use graph_model::AssignmentTarget;

use crate::shared::error::AppError;

/// The comparison, or which read failed and why.
pub type Comparison = Result<Vec<ComparedField>, ComparisonFailure>;

/// When a read for the comparison was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Before the write.
    Before,
    /// After the write.
    After,
}

/// A read for the comparison that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonFailure {
    /// Which read.
    pub moment: Moment,
    /// Why.
    pub error: AppError,
}

/// One field of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparedField {
    /// The field's name on the page.
    pub label: &'static str,
    /// Its value before (empty when it does not apply).
    pub before: String,
    /// Its value after.
    pub after: String,
}

impl ComparedField {
    /// True when the write changed it.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

fn fields(target: &AssignmentTarget) -> [(&'static str, String); 5] {
    let filter = target.filter();
    [
        ("Target type", target.kind().label().to_owned()),
        (
            "Group ID",
            target
                .group_id()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (
            "Collection ID",
            target
                .collection_id()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("Filter type", filter.filter_type.label().to_owned()),
        (
            "Filter ID",
            filter
                .id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
    ]
}

/// Every field of the two targets, side by side.
pub fn compare(before: &AssignmentTarget, after: &AssignmentTarget) -> Vec<ComparedField> {
    fields(before)
        .into_iter()
        .zip(fields(after))
        .map(|((label, before), (_, after))| ComparedField {
            label,
            before,
            after,
        })
        .collect()
}

/// The slot beside a row's value (`after` or before) where the worker shows a name, when the
/// row holds an id that has one: 0 and 1 for the group before and after, 2 and 3 for the
/// filter (see [`crate::contract::view_tree::Part::COMPARED`]).
pub fn name_slot(label: &str, after: bool) -> Option<u8> {
    let row = match label {
        "Group ID" => 0,
        "Filter ID" => 2,
        _ => return None,
    };
    Some(row + u8::from(after))
}

/// The ids of a comparison by slot (see [`name_slot`]; empty where there is none), for the
/// worker to name.
pub fn named_ids(comparison: Option<&Comparison>) -> [String; 4] {
    let mut ids: [String; 4] = Default::default();
    let Some(Ok(rows)) = comparison else {
        return ids;
    };
    for row in rows {
        for (after, id) in [(false, &row.before), (true, &row.after)] {
            if let Some(slot) = name_slot(row.label, after) {
                ids[usize::from(slot)] = id.clone();
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_model::{AssignmentFilter, GroupId};

    #[test]
    fn marks_exactly_the_changed_fields() {
        let before = AssignmentTarget::AllDevices {
            filter: AssignmentFilter::default(),
        };
        let after = AssignmentTarget::Group {
            group_id: GroupId::parse("0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d").unwrap(),
            filter: AssignmentFilter::default(),
        };
        let rows = compare(&before, &after);
        let changed: Vec<&str> = rows
            .iter()
            .filter(|row| row.changed())
            .map(|row| row.label)
            .collect();
        assert_eq!(changed, ["Target type", "Group ID"]);
        assert_eq!(rows[0].before, "All devices");
        assert_eq!(rows[0].after, "Included group");
        assert!(compare(&after, &after).iter().all(|row| !row.changed()));
        assert_eq!(
            named_ids(Some(&Ok(rows))),
            [
                String::new(),
                "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".into(),
                String::new(),
                String::new()
            ]
        );
        assert_eq!(named_ids(None), <[String; 4]>::default());
    }
}

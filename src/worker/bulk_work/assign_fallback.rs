//! A restore's writes that Intune answered as a route it does not serve (`400 No method match
//! route template`, `405`, a `404` naming a segment: see
//! [`graph_model::whole_set::route_not_served`]) are made through `/assign` instead, once the
//! run has ended: per configuration, its set is read to the last page, the writes are done to
//! it ([`set_for_assign`]), and the result is posted as the whole set. A set that cannot be
//! read to the end is not posted (`/assign` replaces the whole set).

use std::collections::{BTreeMap, BTreeSet};

use graph_model::bulk::scheduler::RowState;
use graph_model::request::{GraphUrls, RequestOptions, assign_whole_set};
use graph_model::snapshot::restore::{RestoreWrite, set_for_assign};
use graph_model::whole_set::{assign_body, route_not_served};
use graph_model::{
    ApiVersion, ConfigurationId, IosLobAppProvisioningConfigurationAssignment as Assignment,
    ServiceRoot,
};

use crate::shared::draft::Draft;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;
use crate::shared::wording;
use crate::worker::bulk_work::apply::Run;

/// What the rows of a run whose route was not served say once `/assign` made their writes.
const MADE_THROUGH_ASSIGN: &str =
    "Intune does not serve this route here: made through /assign instead (see Snapshots).";

/// The places of an ended run's rows that failed because their route is not served.
fn unserved_rows(run: &Run) -> impl Iterator<Item = usize> + '_ {
    run.scheduler
        .rows()
        .iter()
        .enumerate()
        .filter_map(|(index, state)| {
            let RowState::Failed(status) = state else {
                return None;
            };
            let row = &run.journal.rows[index];
            let message = run
                .details
                .get(index)
                .map(|detail| detail.message.as_str())
                .unwrap_or_default();
            route_not_served(*status, "", message, row.assignment_id.as_str()).then_some(index)
        })
}

/// The writes of an ended run that failed because their route is not served, by configuration.
pub fn unserved(run: &Run) -> BTreeMap<ConfigurationId, Vec<RestoreWrite>> {
    let mut found: BTreeMap<ConfigurationId, Vec<RestoreWrite>> = BTreeMap::new();
    for index in unserved_rows(run) {
        let row = &run.journal.rows[index];
        found
            .entry(row.configuration_id.clone())
            .or_default()
            .push(RestoreWrite::of_row(row));
    }
    found
}

/// The rows whose writes `/assign` made for the configurations `made` say so in the run's table.
pub fn mark_made(run: &mut Run, made: &BTreeSet<ConfigurationId>) {
    let rows: Vec<usize> = unserved_rows(run)
        .filter(|&index| made.contains(&run.journal.rows[index].configuration_id))
        .collect();
    for index in rows {
        if let Some(detail) = run.details.get_mut(index) {
            detail.message = MADE_THROUGH_ASSIGN.to_owned();
        }
    }
}

/// What [`assign_instead`] did: a line per configuration, and those whose `/assign` was made.
pub struct Assigned {
    /// What happened to each configuration, in words.
    pub said: Vec<String>,
    /// The configurations whose whole set was posted and accepted.
    pub made: BTreeSet<ConfigurationId>,
}

/// Makes `unserved` through one `/assign` per configuration, and says what happened to each
/// (`names`: the configurations' display names).
pub async fn assign_instead(
    draft: &Draft,
    (root, version): (&ServiceRoot, ApiVersion),
    token: &str,
    unserved: BTreeMap<ConfigurationId, Vec<RestoreWrite>>,
    names: impl Fn(&ConfigurationId) -> String,
) -> Assigned {
    let flight = Flight::default();
    let mut assigned = Assigned {
        said: Vec::new(),
        made: BTreeSet::new(),
    };
    for (configuration, writes) in unserved {
        let name = names(&configuration);
        let count = writes.len();
        let outcome = async {
            let (first, read_root) = draft
                .read_assignments(configuration.as_str(), token, new_client_request_id())
                .map_err(|error| wording::error(&error))?;
            let now: Vec<Assignment> =
                flight
                    .read_all_pages(first, &read_root)
                    .await
                    .map_err(|error| {
                        format!(
                            "its set could not be read to the end ({}), so nothing was sent",
                            wording::error(&error)
                        )
                    })?;
            let now: Vec<_> = now
                .into_iter()
                .map(|assignment| (assignment.id, assignment.target))
                .collect();
            let after = set_for_assign(&now, &writes);
            let options = RequestOptions {
                client_request_id: new_client_request_id(),
                return_representation: false,
            };
            let request = assign_whole_set(
                &GraphUrls::new(root, version),
                &configuration,
                &assign_body(&after),
                token,
                &options,
            );
            match flight.fetch(&request).await {
                Ok(answer) if answer.is_success() => Ok(format!(
                    "{}: the whole set of {} assignments was sent",
                    wording::status_line(answer.status),
                    after.len()
                )),
                Ok(answer) => Err(format!(
                    "/assign answered {}",
                    wording::status_line(answer.status)
                )),
                Err(error) => Err(wording::error(&error)),
            }
        }
        .await;
        if outcome.is_ok() {
            assigned.made.insert(configuration.clone());
        }
        assigned.said.push(match outcome {
            Ok(done) => format!(
                "{name}: Intune does not serve the per-assignment routes, so its {count} write(s) went through /assign ({done})."
            ),
            Err(reason) => format!(
                "{name}: Intune does not serve the per-assignment routes, and /assign was not made: {reason}."
            ),
        });
    }
    assigned
}

//! Reach's reads, in the order that costs least: every group's member count for users and for
//! devices (and the tenant's, for All users and All devices) through `$batch`, one request a group
//! and audience; then the members of only those sources an answer needs
//! ([`graph_model::reach::plan::to_read`]), smallest first, 999 a page with their names; then the
//! configuration's device and user statuses. Each step writes the region when it is done, and
//! stops as soon as a newer question cancels it.

use std::collections::BTreeSet;
use std::time::Duration;

use graph_model::reach::plan::{
    IDS_PER_CHECK, MEMBER_READ_BOUND, Source, groups, to_check, to_read,
};
use graph_model::reach::status::{DeviceStatus, UserStatus};
use graph_model::reach::{Audience, Checked, Directory, Members};
use graph_model::request::{CONFIGURATIONS_PATH, RequestOptions, get};
use graph_model::{AssignmentTarget, Collection, GroupId, HttpRequest};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Known, Progress, Question, Work, found, seen};

use crate::shared::batch_reads::{Answered, READ_TRIES, get_item, read_each};
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::retry::is_retryable_status;
use crate::shared::wording;

/// Both audiences, in the order they are shown.
pub const AUDIENCES: [Audience; 2] = [Audience::Users, Audience::Devices];

/// The header Graph's advanced queries (counts, type casts) need.
const EVENTUAL: (&str, &str) = ("ConsistencyLevel", "eventual");

/// Members of one source, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberList {
    /// Each member's id and name.
    pub members: Vec<(String, String)>,
    /// Why the read stopped short (`None`: every member read).
    pub cut_short: Option<String>,
}

/// One directory object of a member list.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    id: String,
    #[serde(default)]
    display_name: Option<String>,
}

/// The permission a source's read needs, in words.
pub fn permission(source: &Source, audience: Audience) -> &'static str {
    match (source, audience) {
        (Source::Group(_), _) => "GroupMember.Read.All (or Group.Read.All)",
        (Source::Everyone, Audience::Users) => "User.Read.All",
        (Source::Everyone, Audience::Devices) => "Device.Read.All",
    }
}

/// The path of a source's members of `audience`, relative to the version root.
fn members_path(source: &Source, audience: Audience) -> String {
    match (source, audience) {
        (Source::Group(group), Audience::Users) => {
            format!("/groups/{group}/transitiveMembers/microsoft.graph.user")
        }
        (Source::Group(group), Audience::Devices) => {
            format!("/groups/{group}/transitiveMembers/microsoft.graph.device")
        }
        (Source::Everyone, Audience::Users) => "/users".to_owned(),
        (Source::Everyone, Audience::Devices) => "/devices".to_owned(),
    }
}

/// Why a read that answered `answered` gives no count or members.
fn refusal(answered: &Answered, source: &Source, audience: Audience) -> String {
    match answered.status {
        403 => format!(
            "reading them needs {}, which the token lacks",
            permission(source, audience)
        ),
        404 => "the group does not exist in this tenant".to_owned(),
        _ => format!("the read failed: {}", answered.message()),
    }
}

/// A count as Graph gives it inside `$batch`: a number, or a number as text.
pub(super) fn count_of(answered: &Answered) -> Option<u64> {
    match answered.body.as_ref()? {
        serde_json::Value::Number(number) => number.as_u64(),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// What the reads found, as the targeting rules see it.
pub struct KnownDirectory<'a>(pub &'a Known);

impl KnownDirectory<'_> {
    fn of(&self, source: Source, audience: Audience) -> Members {
        let key = (source, audience);
        if let Some((_, list)) = self.0.members.iter().find(|(at, _)| *at == key) {
            let ids: BTreeSet<String> = list.members.iter().map(|(id, _)| id.clone()).collect();
            return match &list.cut_short {
                None => Members::Listed(ids),
                Some(why) => Members::Partial(ids, why.clone()),
            };
        }
        match self.0.counts.iter().find(|(at, _)| *at == key) {
            Some((_, Ok(count))) => Members::Counted(*count),
            Some((_, Err(why))) => Members::Unknown(why.clone()),
            None => Members::Unknown("not counted yet".to_owned()),
        }
    }
}

/// `text` fit for a URL's query: its spaces and quotes escaped.
fn escaped(text: &str) -> String {
    text.replace(' ', "%20").replace('\'', "%27")
}

/// Checks which of the members read of `excluded` are members of `group` (too large to read),
/// 15 ids a request through `$batch`. `None`: cancelled.
async fn check(
    work: &Work,
    question: &Question,
    flight: &Flight,
    group: &GroupId,
    excluded: &[Source],
    audience: Audience,
) -> Option<Result<Checked, String>> {
    let asked: BTreeSet<String> = seen(work, question, |answering| {
        excluded
            .iter()
            .filter_map(|source| {
                let key = (source.clone(), audience);
                answering.known.members.iter().find(|(at, _)| *at == key)
            })
            .flat_map(|(_, list)| list.members.iter().map(|(id, _)| id.clone()))
            .collect()
    })?;
    let key = (group.clone(), audience);
    let earlier = seen(work, question, |answering| {
        answering
            .known
            .checks
            .iter()
            .find(|(at, checked)| *at == key && asked.is_subset(&checked.asked))
            .map(|(_, checked)| checked.clone())
    })?;
    if let Some(checked) = earlier {
        return Some(Ok(checked));
    }
    let ids: Vec<&String> = asked.iter().collect();
    let source = Source::Group(group.clone());
    let path = members_path(&source, audience);
    let items: Vec<_> = ids
        .chunks(IDS_PER_CHECK)
        .enumerate()
        .map(|(index, chunk)| {
            let quoted: Vec<String> = chunk.iter().map(|id| format!("'{id}'")).collect();
            let filter = escaped(&format!("id in ({})", quoted.join(",")));
            get_item(
                index,
                format!("{path}?$filter={filter}&$select=id&$count=true&$top=999"),
                &[EVENTUAL],
            )
        })
        .collect();
    let label = work.directory.borrow().names.words_for(group.as_str());
    let total = asked.len() as u64;
    let sent = std::cell::Cell::new(0u64);
    found(work, question, |reach| {
        reach.progress = Progress::Checking(label.clone(), 0, total);
    });
    let answers = read_each(
        flight,
        &question.root,
        question.version,
        &question.token,
        items,
        &|bytes| {
            sent.set(
                sent.get() + graph_model::batch::MAX_BATCH_REQUESTS as u64 * IDS_PER_CHECK as u64,
            );
            let done = sent.get().min(total);
            found(work, question, |reach| {
                reach.known.requests += 1;
                reach.known.bytes += bytes as u64;
                reach.progress = Progress::Checking(label.clone(), done, total);
            })
        },
    )
    .await;
    let answers = match answers {
        Ok(answers) => answers,
        Err(AppError::Cancelled) => return None,
        Err(error) => return Some(Err(wording::error(&error))),
    };
    let mut members = BTreeSet::new();
    for answered in answers {
        if answered.status != 200 {
            return Some(Err(format!(
                "checking which excluded members are in {label} failed: {}",
                answered.message()
            )));
        }
        let page = answered
            .body
            .and_then(|body| serde_json::from_value::<Collection<Member>>(body).ok());
        let Some(page) = page else {
            return Some(Err(format!("the check of {label} could not be read")));
        };
        members.extend(
            page.value
                .into_iter()
                .map(|member| member.id.to_ascii_lowercase()),
        );
    }
    let found_ids = asked
        .iter()
        .filter(|id| members.contains(&id.to_ascii_lowercase()))
        .cloned()
        .collect();
    Some(Ok(Checked {
        asked,
        found: found_ids,
    }))
}

impl Directory for KnownDirectory<'_> {
    fn members(&self, group: &GroupId, audience: Audience) -> Members {
        self.of(Source::Group(group.clone()), audience)
    }

    fn everyone(&self, audience: Audience) -> Members {
        self.of(Source::Everyone, audience)
    }

    fn checked(&self, group: &GroupId, audience: Audience) -> Option<Checked> {
        let key = (group.clone(), audience);
        self.0
            .checks
            .iter()
            .find(|(at, _)| *at == key)
            .map(|(_, checked)| checked.clone())
    }
}

/// Answers `question`, writing the region after each step (`None`: cancelled).
pub async fn answer(work: &Work, question: &Question, flight: &Flight) -> Option<()> {
    found(work, question, |reach| reach.progress = Progress::Counting);
    let sets: Vec<&[AssignmentTarget]> = question
        .sets
        .iter()
        .flat_map(|(before, after)| [before.as_slice(), after.as_slice()])
        .collect();
    let mut sources: Vec<Source> = groups(&sets).into_iter().map(Source::Group).collect();
    let everyone = |audience: Audience| {
        sets.iter().any(|set| {
            set.iter().any(|target| {
                matches!(
                    (target, audience),
                    (AssignmentTarget::AllLicensedUsers { .. }, Audience::Users)
                        | (AssignmentTarget::AllDevices { .. }, Audience::Devices)
                )
            })
        })
    };
    if everyone(Audience::Users) || everyone(Audience::Devices) {
        sources.push(Source::Everyone);
    }
    let known_counts = seen(work, question, |answering| answering.known.counts.clone())?;
    let asked: Vec<(Source, Audience)> = sources
        .iter()
        .flat_map(|source| AUDIENCES.map(|audience| (source.clone(), audience)))
        .filter(|(source, audience)| *source != Source::Everyone || everyone(*audience))
        .filter(|key| !known_counts.iter().any(|(at, _)| at == key))
        .collect();
    let items = asked
        .iter()
        .enumerate()
        .map(|(index, (source, audience))| {
            get_item(
                index,
                format!("{}/$count", members_path(source, *audience)),
                &[EVENTUAL],
            )
        })
        .collect();
    let counted = if asked.is_empty() {
        Ok(Vec::new())
    } else {
        read_each(
            flight,
            &question.root,
            question.version,
            &question.token,
            items,
            &|bytes| {
                found(work, question, |reach| {
                    reach.known.requests += 1;
                    reach.known.bytes += bytes as u64;
                })
            },
        )
        .await
    };
    let answers = match counted {
        Ok(answers) => answers,
        Err(AppError::Cancelled) => return None,
        Err(error) => {
            let why = wording::error(&error);
            found(work, question, |reach| {
                reach.progress = Progress::Failed(why)
            });
            return Some(());
        }
    };
    let mut counts = known_counts;
    counts.extend(
        asked
            .into_iter()
            .zip(answers)
            .map(|((source, audience), answered)| {
                let count = match answered.status {
                    200 => {
                        count_of(&answered).ok_or_else(|| "the count could not be read".to_owned())
                    }
                    _ => Err(refusal(&answered, &source, audience)),
                };
                ((source, audience), count)
            }),
    );
    found(work, question, |reach| reach.known.counts = counts.clone());
    for audience in AUDIENCES {
        let count = |source: &Source| {
            counts
                .iter()
                .find(|(at, _)| at.0 == *source && at.1 == audience)
                .and_then(|(_, count)| count.as_ref().ok().copied())
        };
        let mut wanted: Vec<Source> = Vec::new();
        for (before, after) in &question.sets {
            for source in to_read(before, after, audience, &count) {
                if !wanted.contains(&source) {
                    wanted.push(source);
                }
            }
        }
        // Each group is read once for every set, smallest first.
        wanted.sort_by_key(|source| count(source).unwrap_or_default());
        for source in wanted {
            let key = (source.clone(), audience);
            let known = seen(work, question, |answering| {
                answering.known.members.iter().any(|(at, _)| *at == key)
            })?;
            if known {
                continue;
            }
            let of = count(&source).unwrap_or_default();
            let list = read_members(work, question, flight, &source, audience, of).await?;
            found(work, question, |reach| {
                reach.known.members.push(((source, audience), list))
            });
        }
        let read = |source: &Source| {
            let key = (source.clone(), audience);
            seen(work, question, |answering| {
                answering
                    .known
                    .members
                    .iter()
                    .any(|(at, list)| *at == key && list.cut_short.is_none())
            })
            .unwrap_or(false)
        };
        let mut checks: Vec<(GroupId, Vec<Source>)> = Vec::new();
        for (before, after) in &question.sets {
            for (group, excluded) in to_check(before, after, audience, &count, &read) {
                match checks.iter_mut().find(|(known, _)| *known == group) {
                    Some((_, known)) => known.extend(
                        excluded
                            .into_iter()
                            .filter(|source| !known.contains(source))
                            .collect::<Vec<_>>(),
                    ),
                    None => checks.push((group, excluded)),
                }
            }
        }
        for (group, excluded) in checks {
            let checked = check(work, question, flight, &group, &excluded, audience).await?;
            found(work, question, |reach| match checked {
                Ok(checked) => {
                    let key = (group, audience);
                    reach.known.checks.retain(|(at, _)| *at != key);
                    reach.known.checks.push((key, checked));
                }
                Err(why) => reach.known.check_failures.push(why),
            });
        }
    }
    found(work, question, |reach| {
        reach.known.reach_cost = Some((reach.known.requests, reach.known.bytes));
    });
    super::remember(work, question);
    let Some(configuration) = &question.statuses_of else {
        found(work, question, |reach| reach.progress = Progress::Done);
        return Some(());
    };
    let statuses = format!("{CONFIGURATIONS_PATH}/{configuration}");
    let devices =
        read_statuses::<DeviceStatus>(work, question, flight, &statuses, "deviceStatuses").await?;
    found(work, question, |reach| {
        reach.known.device_statuses = Some(devices)
    });
    let users =
        read_statuses::<UserStatus>(work, question, flight, &statuses, "userStatuses").await?;
    found(work, question, |reach| {
        reach.known.user_statuses = Some(users);
        reach.progress = Progress::Done;
    });
    Some(())
}

/// A GET of `path` under the question's version root, with the advanced-query header.
fn request(question: &Question, path: &str) -> HttpRequest {
    let url = format!("{}/{}{path}", question.root.base_url(), question.version);
    let mut request = get(url, &question.token, &RequestOptions::default());
    request
        .headers
        .push((EVENTUAL.0.to_owned(), EVENTUAL.1.to_owned()));
    request
}

/// Reads one page, asking again after `Retry-After` when throttled. `None`: cancelled.
async fn page<T: DeserializeOwned>(
    work: &Work,
    question: &Question,
    flight: &Flight,
    request: &HttpRequest,
) -> Option<Result<Collection<T>, AppError>> {
    let mut tries = 0;
    loop {
        let view = match flight.fetch(request).await {
            Err(AppError::Cancelled) => return None,
            Err(error) => return Some(Err(error)),
            Ok(view) => view,
        };
        let bytes = view.body.len() as u64;
        found(work, question, |reach| {
            reach.known.requests += 1;
            reach.known.bytes += bytes;
        });
        if is_retryable_status(view.status) && tries < READ_TRIES {
            tries += 1;
            let wait = view
                .header("retry-after")
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(1u64);
            if !flight.wait(Duration::from_secs(wait.clamp(1, 30))).await {
                return None;
            }
            continue;
        }
        if let Some(failure) = view.failure(request.header("client-request-id")) {
            return Some(Err(AppError::Http(failure)));
        }
        return Some(
            serde_json::from_str(&view.body).map_err(|error| AppError::Unreadable {
                url: request.url.clone(),
                detail: error.to_string(),
            }),
        );
    }
}

/// Reads every member of `source` of `audience` (there are `of`, as counted), telling the page
/// how far it is after each page. `None`: cancelled.
async fn read_members(
    work: &Work,
    question: &Question,
    flight: &Flight,
    source: &Source,
    audience: Audience,
    of: u64,
) -> Option<MemberList> {
    let label = match source {
        Source::Group(group) => work.directory.borrow().names.words_for(group.as_str()),
        Source::Everyone => format!("All {}", audience.word()),
    };
    let mut list = MemberList::default();
    let first = format!(
        "{}?$select=id,displayName&$top=999",
        members_path(source, audience)
    );
    let mut request = request(question, &first);
    found(work, question, |reach| {
        reach.progress = Progress::Reading(label.clone(), 0, of);
    });
    loop {
        let page = match page::<Member>(work, question, flight, &request).await? {
            Ok(page) => page,
            Err(error) => {
                list.cut_short = Some(match &error {
                    AppError::Http(failure) if failure.status == 403 => format!(
                        "reading them needs {}, which the token lacks",
                        permission(source, audience)
                    ),
                    _ => format!("a page of members failed: {}", wording::error(&error)),
                });
                return Some(list);
            }
        };
        list.members.extend(page.value.into_iter().map(|member| {
            let name = member.display_name.unwrap_or_else(|| member.id.clone());
            (member.id, name)
        }));
        let read = list.members.len() as u64;
        found(work, question, |reach| {
            reach.progress = Progress::Reading(label.clone(), read, of.max(read));
        });
        match page.next_link {
            None => return Some(list),
            Some(_) if read > MEMBER_READ_BOUND => {
                list.cut_short = Some(format!(
                    "more than {} members, beyond what Reach reads",
                    graph_model::reach::thousands(MEMBER_READ_BOUND)
                ));
                return Some(list);
            }
            Some(next) if question.root.owns(&next) => request.url = next,
            Some(next) => {
                list.cut_short = Some(format!("the next page is on another host ({next})"));
                return Some(list);
            }
        }
    }
}

/// The statuses read: all of them, or the first pages when there are more than Reach reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Statuses<T> {
    /// The statuses read.
    pub read: Vec<T>,
    /// Whether every page was read.
    pub complete: bool,
}

/// Reads the pages of the configuration's `relation` (`deviceStatuses`, `userStatuses`), at most
/// [`crate::shared::flight::MAX_PAGES`], or why it could not. `None`: cancelled.
async fn read_statuses<T: DeserializeOwned>(
    work: &Work,
    question: &Question,
    flight: &Flight,
    configuration: &str,
    relation: &str,
) -> Option<Result<Statuses<T>, String>> {
    let mut request = request(question, &format!("{configuration}/{relation}"));
    let mut statuses = Statuses {
        read: Vec::new(),
        complete: false,
    };
    for _ in 0..crate::shared::flight::MAX_PAGES {
        match page::<T>(work, question, flight, &request).await? {
            Ok(page) => {
                statuses.read.extend(page.value);
                match page.next_link {
                    Some(next) if question.root.owns(&next) => request.url = next,
                    _ => {
                        statuses.complete = true;
                        return Some(Ok(statuses));
                    }
                }
            }
            Err(AppError::Http(failure)) if failure.status == 403 => {
                return Some(Err(
                    "reading them needs DeviceManagementApps.Read.All, which the token lacks"
                        .to_owned(),
                ));
            }
            Err(error) => return Some(Err(wording::error(&error))),
        }
    }
    Some(Ok(statuses))
}

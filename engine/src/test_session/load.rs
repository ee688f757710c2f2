//! Loading a test with the items it references: each item file is read
//! once, however many references name it, and shared between sessions.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::error::{Error, ErrorKind};
use crate::href;
use crate::model::AssessmentItem;
use crate::model::test::AssessmentTest;
use crate::read::stimulus::{LoadedStimulus, load_stimuli};
use crate::read::test::{Resolver, read_test_at};
use crate::read::{Warning, item::read_item};

/// A test and its items, ready for sessions.
#[derive(Debug, Clone)]
pub struct LoadedTest {
    pub test: Arc<AssessmentTest>,
    /// Items by `assessmentItemRef` identifier.
    pub items: BTreeMap<String, Arc<AssessmentItem>>,
    /// The shared stimuli of each item reference, in the item's order.
    pub stimuli: BTreeMap<String, Arc<Vec<LoadedStimulus>>>,
    pub warnings: Vec<Warning>,
}

/// Read the test at `path` (relative to the root `resolve` reads from)
/// and every item it references.
pub fn load_test(
    path: &str,
    bytes: &[u8],
    resolve: &mut Resolver<'_>,
) -> Result<LoadedTest, Error> {
    let read = read_test_at(path, bytes, resolve)?;
    let mut warnings = read.warnings;
    let mut compact = read.compact_items;
    let mut by_path: HashMap<String, Arc<AssessmentItem>> = HashMap::new();
    let mut items = BTreeMap::new();
    let mut stimuli = BTreeMap::new();
    let mut stimuli_by_path: HashMap<String, Arc<Vec<LoadedStimulus>>> = HashMap::new();
    for item_ref in read.test.item_refs() {
        if let Some(item) = compact.remove(&item_ref.identifier) {
            items.insert(item_ref.identifier.clone(), Arc::new(item));
            continue;
        }
        let at = item_ref.position.unwrap_or_default();
        let problem = |message: String| {
            Error::new(ErrorKind::Reference {
                href: item_ref.href.clone(),
                message: format!("assessmentItemRef '{}': {message}", item_ref.identifier),
            })
            .at(at)
        };
        let item_path =
            href::join(path, &item_ref.href).map_err(|e| problem(e.kind.to_string()))?;
        let item = match by_path.get(&item_path) {
            Some(item) => Arc::clone(item),
            None => {
                let bytes = match resolve(&item_path) {
                    Ok(b) => b,
                    Err(_) if read.compact_format => {
                        warnings.push(Warning {
                            position: Some(at),
                            message: format!(
                                "compact test: '{}' has no inline content and '{item_path}' is absent; it is an empty item",
                                item_ref.identifier
                            ),
                        });
                        let item = AssessmentItem::empty(&item_ref.identifier, read.test.version);
                        items.insert(item_ref.identifier.clone(), Arc::new(item));
                        continue;
                    }
                    Err(e) => return Err(problem(e.kind.to_string())),
                };
                let read = read_item(&bytes).map_err(|e| {
                    Error::new(ErrorKind::ItemRef {
                        identifier: item_ref.identifier.clone(),
                        href: item_path.clone(),
                        error: Box::new(e),
                    })
                    .at(at)
                })?;
                warnings.extend(read.warnings.into_iter().map(|w| Warning {
                    position: w.position,
                    message: format!("{item_path}: {}", w.message),
                }));
                let item = Arc::new(read.item);
                let (loaded, problems) = load_stimuli(&item_path, &item, resolve);
                warnings.extend(problems);
                stimuli_by_path.insert(item_path.clone(), Arc::new(loaded));
                by_path.insert(item_path.clone(), Arc::clone(&item));
                item
            }
        };
        if let Some(s) = stimuli_by_path.get(&item_path) {
            stimuli.insert(item_ref.identifier.clone(), Arc::clone(s));
        }
        items.insert(item_ref.identifier.clone(), item);
    }
    Ok(LoadedTest {
        test: Arc::new(read.test),
        items,
        stimuli,
        warnings,
    })
}

//! The tree's lists, kept from one document for the next.
//!
//! Every document needs four lists sized to its source (open elements,
//! pending children, nodes, attributes). Asking the allocator for blocks
//! of a kilobyte or more each time made glibc consolidate its free lists
//! for every item, which cost more than building the tree's small parts.
//! A thread keeps one spare of each, emptied, and the next document
//! starts from it. No unsafe code: an empty list of borrowed nodes is
//! made a list of `'static` nodes by collecting it in place, which reuses
//! its allocation (when the standard library would not, the spare is
//! simply a fresh list).

use std::cell::RefCell;

use super::{Attr, NodeData, Open};

/// Larger lists go back to the allocator: one huge document must not keep
/// its memory for the rest of the thread's life.
const MAX_SPARE_BYTES: usize = 256 * 1024;

#[derive(Default)]
struct Spare {
    nodes: Vec<Vec<NodeData<'static>>>,
    attrs: Vec<Attr<'static>>,
    open: Vec<Open<'static>>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// An empty list of nodes with room for at least `capacity`.
pub(super) fn nodes<'a>(capacity: usize) -> Vec<NodeData<'a>> {
    let list = SPARE
        .with(|s| s.borrow_mut().nodes.pop())
        .unwrap_or_default();
    with_room(list, capacity)
}

pub(super) fn attrs<'a>(capacity: usize) -> Vec<Attr<'a>> {
    let list = SPARE.with(|s| std::mem::take(&mut s.borrow_mut().attrs));
    with_room(list, capacity)
}

pub(super) fn open<'a>(capacity: usize) -> Vec<Open<'a>> {
    let list = SPARE.with(|s| std::mem::take(&mut s.borrow_mut().open));
    with_room(list, capacity)
}

fn with_room<T>(mut list: Vec<T>, capacity: usize) -> Vec<T> {
    list.reserve(capacity);
    list
}

/// Keeps a node list for the next document (two: the pending children and
/// the document's nodes).
pub(super) fn keep_nodes(list: Vec<NodeData<'_>>) {
    if let Some(list) = emptied(list) {
        SPARE.with(|s| {
            let mut spare = s.borrow_mut();
            if spare.nodes.len() < 2 {
                spare.nodes.push(list);
            }
        });
    }
}

pub(super) fn keep_attrs(list: Vec<Attr<'_>>) {
    if let Some(list) = emptied(list) {
        SPARE.with(|s| s.borrow_mut().attrs = list);
    }
}

pub(super) fn keep_open(list: Vec<Open<'_>>) {
    if let Some(list) = emptied(list) {
        SPARE.with(|s| s.borrow_mut().open = list);
    }
}

/// `list`, emptied and no longer borrowing, unless it is too large to keep.
fn emptied<'a, T: 'a, U>(mut list: Vec<T>) -> Option<Vec<U>> {
    if list.capacity() * size_of::<T>() > MAX_SPARE_BYTES {
        return None;
    }
    list.clear();
    // Nothing to map: the list is empty. Collecting a `vec::IntoIter` into
    // a list of a same-sized type reuses its allocation.
    Some(list.into_iter().map(|_| unreachable!()).collect())
}

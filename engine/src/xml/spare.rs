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

/// How many lists of a kind wait: a document in progress uses two node
/// lists (pending children and the document's nodes), one of the others.
const MAX_SPARE_LISTS: usize = 2;

#[derive(Default)]
struct Spare {
    nodes: Vec<Vec<NodeData<'static>>>,
    attrs: Vec<Vec<Attr<'static>>>,
    open: Vec<Vec<Open<'static>>>,
}

/// Where one kind of list waits.
type Shelf<T> = fn(&mut Spare) -> &mut Vec<Vec<T>>;

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

/// An empty list of nodes with room for at least `capacity`.
pub(super) fn nodes<'a>(capacity: usize) -> Vec<NodeData<'a>> {
    take(|s| &mut s.nodes, capacity)
}

pub(super) fn attrs<'a>(capacity: usize) -> Vec<Attr<'a>> {
    take(|s| &mut s.attrs, capacity)
}

pub(super) fn open<'a>(capacity: usize) -> Vec<Open<'a>> {
    take(|s| &mut s.open, capacity)
}

/// Keeps a list for the next document.
pub(super) fn keep_nodes(list: Vec<NodeData<'_>>) {
    keep(list, |s| &mut s.nodes);
}

pub(super) fn keep_attrs(list: Vec<Attr<'_>>) {
    keep(list, |s| &mut s.attrs);
}

pub(super) fn keep_open(list: Vec<Open<'_>>) {
    keep(list, |s| &mut s.open);
}

/// A waiting list of a kind (or a new one), with room for `capacity`.
/// Its `'static` items coerce to any lifetime at the caller.
fn take<T>(shelf: Shelf<T>, capacity: usize) -> Vec<T> {
    let mut list = SPARE
        .with(|s| shelf(&mut s.borrow_mut()).pop())
        .unwrap_or_default();
    list.reserve(capacity);
    list
}

/// Puts `list` on its shelf, emptied and no longer borrowing, unless it is
/// too large to keep or the shelf is full. `T` is `U` with a shorter
/// lifetime: an empty list of the one is collected in place into a list of
/// the other, which reuses its allocation.
fn keep<T, U>(mut list: Vec<T>, shelf: Shelf<U>) {
    if list.capacity() * size_of::<T>() > MAX_SPARE_BYTES {
        return;
    }
    list.clear();
    let list: Vec<U> = list.into_iter().map(|_| unreachable!()).collect();
    SPARE.with(|s| {
        let mut spare = s.borrow_mut();
        let waiting = shelf(&mut spare);
        if waiting.len() < MAX_SPARE_LISTS {
            waiting.push(list);
        }
    });
}

//! The QR codes of Google Authenticator exports, collected as they are read: from several
//! images chosen at once, pasted one by one, or a camera that reads the same code many times.
//!
//! Batches are kept by export (Google Authenticator gives every QR code of one export the same
//! random `batch_id`), so two exports read in one sitting are kept apart and both named; a batch
//! read again is a repeat (said, never counted twice); nothing read is ever dropped; and what was
//! read so far can be imported at any time, with the batches still missing named by number.

use super::migration::Batch;
use super::Skipped;
use crate::account::Account;

/// One export's batches, as far as they were read. `Debug` shows the progress only.
#[derive(Clone, PartialEq, Eq)]
pub struct Export {
    /// The export's `batch_id`.
    pub id: i32,
    /// How many QR codes the export has.
    pub count: u32,
    /// The batches read, by index (each once).
    batches: Vec<Batch>,
}

impl std::fmt::Debug for Export {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Export").field("id", &self.id).field("count", &self.count).field("read", &self.read()).field("accounts", &self.accounts()).finish()
    }
}

impl Export {
    /// The indexes read (from 0), in order.
    pub fn read(&self) -> Vec<u32> {
        let mut r: Vec<u32> = self.batches.iter().map(|b| b.index).collect();
        r.sort_unstable();
        r
    }

    /// The indexes not read yet (from 0), in order.
    pub fn missing(&self) -> Vec<u32> {
        (0..self.count).filter(|i| !self.batches.iter().any(|b| b.index == *i)).collect()
    }

    /// Whether every batch is read.
    pub fn is_complete(&self) -> bool {
        self.batches.len() as u32 >= self.count
    }

    /// Accounts understood in the batches read.
    pub fn accounts(&self) -> usize {
        self.batches.iter().map(|b| b.accounts.len()).sum()
    }

    /// Entries left out in the batches read.
    pub fn skipped(&self) -> usize {
        self.batches.iter().map(|b| b.skipped.len()).sum()
    }

    fn sorted(&self) -> Vec<&Batch> {
        let mut b: Vec<&Batch> = self.batches.iter().collect();
        b.sort_by_key(|b| b.index);
        b
    }
}

/// What adding one batch did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// A batch not read before.
    New {
        /// Which export, as a place in [`Batches::exports`] (from 0).
        export: usize,
        /// The batch's index (from 0).
        index: u32,
        /// How many QR codes its export has.
        count: u32,
        /// Accounts it held.
        accounts: usize,
    },
    /// A batch read before: nothing changed.
    Repeat {
        /// Which export (from 0).
        export: usize,
        /// The batch's index (from 0).
        index: u32,
        /// How many QR codes its export has.
        count: u32,
        /// Whether it is the batch added last (a camera still looking at the same code).
        last: bool,
    },
}

/// Every export read so far, in the order their first batch came. `Debug` shows progress only.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct Batches {
    exports: Vec<Export>,
    /// (export, index) of the batch added last.
    last: Option<(usize, u32)>,
}

impl Batches {
    /// Nothing read yet.
    pub fn new() -> Self {
        Batches::default()
    }

    /// Adds a batch: to its export (by batch id and QR count), or as a new export. A batch
    /// already read is a [`Added::Repeat`] and changes nothing.
    pub fn add(&mut self, batch: Batch) -> Added {
        let (id, index, count, accounts) = (batch.id, batch.index, batch.count, batch.accounts.len());
        let export = match self.exports.iter().position(|e| e.id == id && e.count == count) {
            Some(at) => at,
            None => {
                self.exports.push(Export { id, count, batches: Vec::new() });
                self.exports.len() - 1
            }
        };
        let e = &mut self.exports[export];
        if e.batches.iter().any(|b| b.index == index) {
            return Added::Repeat { export, index, count, last: self.last == Some((export, index)) };
        }
        e.batches.push(batch);
        self.last = Some((export, index));
        Added::New { export, index, count, accounts }
    }

    /// The exports, in the order their first batch was read.
    pub fn exports(&self) -> &[Export] {
        &self.exports
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.exports.is_empty()
    }

    /// Whether every export read is complete (false when nothing was read).
    pub fn is_complete(&self) -> bool {
        !self.exports.is_empty() && self.exports.iter().all(Export::is_complete)
    }

    /// Accounts understood in everything read.
    pub fn accounts(&self) -> usize {
        self.exports.iter().map(Export::accounts).sum()
    }

    /// Everything read so far, ready to import: every account and skipped entry, export by
    /// export in the order they were first read, each in batch order.
    pub fn read_so_far(&self) -> (Vec<Account>, Vec<Skipped>) {
        let batches: Vec<&Batch> = self.exports.iter().flat_map(Export::sorted).collect();
        (batches.iter().flat_map(|b| b.accounts.iter().cloned()).collect(), batches.iter().flat_map(|b| b.skipped.iter().cloned()).collect())
    }

    /// The batches not read, per export that has any: (export place, count, missing indexes).
    pub fn missing(&self) -> Vec<(usize, u32, Vec<u32>)> {
        self.exports.iter().enumerate().filter(|(_, e)| !e.is_complete()).map(|(i, e)| (i, e.count, e.missing())).collect()
    }
}

//! A restored backup is written like any other change: the same limits per field as add, edit
//! and import ([`uri::storable`], the tag limits, [`MAX_CODE_CHARS`]). A file this app made
//! is always within them; one that is not (damage, a hand-made or hostile file) is brought within
//! them here, before anything is stored, without ever changing a secret, and every change is
//! returned so the restore can say it:
//! - an issuer or account name over the limit is kept, shortened to it (the secret is what
//!   matters, and the name can be edited afterwards);
//! - more tags than allowed: the first ones are kept; a tag over the limit is shortened;
//! - a backup code that is empty or over the limit is left out (no site issues one, and a cut
//!   code would be a wrong code);
//! - an entry whose secret is over the limit, or that cannot be written so that it reads back as
//!   the same account, is left out (the file itself still holds it).
//!
//! Entries the backup holds unread are carried as they are, as the vault's reader keeps them.

use super::content::Content;
use crate::account::{self, text_len, Field, FieldError, MAX_LABEL_LEN, MAX_TAGS, MAX_TAG_LEN};
use crate::backup_codes::{CodeSet, MAX_CODE_CHARS};

/// How many characters of an entry's issuer and name an [`Adjusted`] keeps, to name it in a
/// message (a name over the limit may be millions of characters long).
pub const SHOWN_CHARS: usize = 40;

/// What a restore changed in one entry of the backup, or why it left it out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Adjustment {
    /// The issuer or account name was longer than [`MAX_LABEL_LEN`]: kept, shortened to it.
    Shortened {
        /// Which field.
        field: Field,
        /// Its length in the backup, in UTF-16 code units.
        len: usize,
        /// The limit it was shortened to.
        max: usize,
    },
    /// More than [`MAX_TAGS`] tags: the first ones were kept.
    TooManyTags {
        /// How many the backup had.
        count: usize,
        /// How many were kept.
        max: usize,
    },
    /// Tags longer than [`MAX_TAG_LEN`]: kept, shortened to it.
    TagsShortened {
        /// How many tags were shortened.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The issuer or account name had characters but none drawn (only bidi controls or
    /// zero-width characters, which older versions stored): emptied, the entry kept.
    Invisible {
        /// Which field.
        field: Field,
    },
    /// Backup codes that were empty or longer than [`MAX_CODE_CHARS`]: left out.
    CodesLeftOut {
        /// How many.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The entry was not restored: the field and limit it breaks.
    LeftOut(FieldError),
}

/// One entry a restore changed or left out, named as the backup names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjusted {
    /// The entry's issuer, its first [`SHOWN_CHARS`] characters ("…" after them if it was longer).
    pub issuer: String,
    /// The entry's account name, shown the same way.
    pub name: String,
    /// What was done.
    pub what: Adjustment,
}

/// `text` cut to at most `max` UTF-16 code units, on a character boundary.
fn shorten(text: &str, max: usize) -> String {
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > max
        })
        .map_or(text.len(), |(i, _)| i);
    text[..end].to_owned()
}

/// The first [`SHOWN_CHARS`] characters of `text`, for a message.
fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Leaves out the codes of `set` no writer would store; returns how many.
fn drop_bad_codes(set: &mut CodeSet) -> usize {
    let before = set.codes.len();
    set.codes.retain(|c| !c.code.is_empty() && c.code.len() <= MAX_CODE_CHARS);
    before - set.codes.len()
}

impl Content {
    /// Brings a backup's entries within the writers' limits, in place, before a restore stores
    /// them (see the module's text for what is done); returns each change, in entry order. A
    /// backup this app made comes back unchanged, with nothing to say.
    pub fn keep_within_limits(&mut self) -> Vec<Adjusted> {
        let mut said = Vec::new();
        let entries = std::mem::take(&mut self.accounts);
        for mut entry in entries {
            let (issuer, name) = entry.label();
            let say = |what| Adjusted { issuer: shown(&issuer), name: shown(&name), what };
            let mut notes = Vec::new();
            let mut label = |text: &str, field| {
                let len = text_len(text);
                if !text.trim().is_empty() && !account::has_visible(text) {
                    // Refused by today's writers, stored by older ones: the entry's secret and
                    // codes matter more than a name nobody could read.
                    notes.push(Adjustment::Invisible { field });
                    String::new()
                } else if len > MAX_LABEL_LEN {
                    notes.push(Adjustment::Shortened { field, len, max: MAX_LABEL_LEN });
                    shorten(text, MAX_LABEL_LEN)
                } else {
                    text.to_owned()
                }
            };
            let (new_issuer, new_name) = (label(&issuer, Field::Issuer), label(&name, Field::Name));
            let relabelled = !notes.is_empty();
            match entry.account() {
                Some(mut account) => {
                    account.issuer = new_issuer;
                    account.name = new_name;
                    match crate::uri::storable(&account) {
                        // Written anew only when a label changed: the stored text is kept otherwise.
                        Ok(ok) if relabelled => entry.set_account(ok),
                        Ok(_) => {}
                        Err(e) => {
                            said.push(say(Adjustment::LeftOut(e)));
                            continue;
                        }
                    }
                }
                None => {
                    entry.issuer = new_issuer;
                    entry.name = new_name;
                }
            }
            if entry.tags.len() > MAX_TAGS {
                notes.push(Adjustment::TooManyTags { count: entry.tags.len(), max: MAX_TAGS });
                entry.tags.truncate(MAX_TAGS);
            }
            let long = entry.tags.iter().filter(|t| text_len(t) > MAX_TAG_LEN).count();
            if long > 0 {
                notes.push(Adjustment::TagsShortened { count: long, max: MAX_TAG_LEN });
                let mut tags: Vec<String> = Vec::with_capacity(entry.tags.len());
                for t in entry.tags.iter().map(|t| shorten(t, MAX_TAG_LEN)) {
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                entry.tags = tags;
            }
            let mut dropped = 0;
            if let Some(set) = entry.backup_codes.as_mut() {
                dropped += drop_bad_codes(set);
                if set.codes.is_empty() {
                    entry.backup_codes = None;
                }
            }
            for set in &mut entry.revoked {
                dropped += drop_bad_codes(set);
            }
            entry.revoked.retain(|s| !s.codes.is_empty());
            if dropped > 0 {
                notes.push(Adjustment::CodesLeftOut { count: dropped, max: MAX_CODE_CHARS });
            }
            if !entry.is_valid() {
                said.push(say(Adjustment::LeftOut(FieldError::NoName)));
                continue;
            }
            said.extend(notes.into_iter().map(say));
            self.accounts.push(entry);
        }
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_counts_utf16_units_and_never_splits_a_character() {
        assert_eq!(shorten("abc", 2), "ab");
        assert_eq!(shorten("ab", 2), "ab");
        assert_eq!(shorten("a😀b", 2), "a", "the emoji (2 units) does not fit after a");
        assert_eq!(shorten("漢字", 1), "漢");
        assert_eq!(shown(&"x".repeat(50)), format!("{}…", "x".repeat(SHOWN_CHARS)));
        assert_eq!(shown("short"), "short");
    }
}

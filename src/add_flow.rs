//! The add dialog's rules, apart from its markup: which step it is on and which step follows
//! which, what a text given where a link is expected becomes (an account, an export of several,
//! a setup key, or nothing yet), what the form amounts to, and when "Add" is offered. The dialog
//! (`ui/add/`) keeps one [`AddFlow`], renders it and calls it; nothing here touches the browser.

use crate::account::{clean_label, Account, Field, FieldError, ManualEntry, Warning};
use crate::otp::Algorithm;
use crate::uri::{self, Parsed, UriError};

/// Where the dialog is: the ways to add, key entry, backup codes only, or what a QR code or a
/// pasted link held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    /// The ways to add: camera, image, the paste box, and the buttons to the other steps.
    #[default]
    Choose,
    /// Entering a setup key by hand.
    Key,
    /// A site's backup codes only, without a key.
    Codes,
    /// One account read from a QR code or a link, waiting for "Add".
    Found,
}

/// The algorithms the "Advanced" menu of key entry offers, in its order; each is shown and
/// given by its [`Algorithm::as_str`] name.
pub const ALGORITHMS: [Algorithm; 5] = [Algorithm::Sha1, Algorithm::Sha224, Algorithm::Sha256, Algorithm::Sha384, Algorithm::Sha512];

/// What a text read where a link is expected amounts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// One account, from an `otpauth://` link: shown with "Add" ready.
    Account(Parsed),
    /// A Google Authenticator export (`otpauth-migration://`): goes to the import's preview, whole.
    Export(String),
    /// A setup key on its own: goes to key entry, without the spaces around it.
    Key(String),
    /// Anything else: stays where it was typed, with the link reader's explanation.
    Unread,
}

/// Reads `text` as the paste box does.
pub fn read(text: &str) -> Reading {
    match uri::parse(text) {
        Ok(p) => Reading::Account(p),
        Err(UriError::Migration) => Reading::Export(text.to_owned()),
        Err(_) if uri::is_bare_key(text) => Reading::Key(text.trim().to_owned()),
        Err(_) => Reading::Unread,
    }
}

/// What "Add" does on the current step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submit {
    /// Save the site and its backup codes (the names are checked first: [`check_site`]).
    Codes,
    /// The paste box's text was read as a paste would have been; act on the reading.
    Read(Reading),
    /// Save the account the form amounts to, after the vault's own checks.
    Account,
}

/// Why the form cannot be added yet: the link reader's reason or the key form's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The text in the paste box is not a link that can be added.
    Link(UriError),
    /// A field of key entry.
    Field(FieldError),
}

/// What the form amounts to now: an account with its warnings, or why not.
pub type Outcome = Result<(Account, Vec<Warning>), Problem>;

/// The names a "backup codes only" entry is saved under, as the vault checks them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteCheck {
    /// Whether an issuer or a name was given (one of them is needed).
    pub named: bool,
    /// The vault's own check of each name (one that draws nothing, one too long).
    pub refused: Option<FieldError>,
}

/// Checks the names of a "backup codes only" entry before anything is saved.
pub fn check_site(issuer: &str, name: &str) -> SiteCheck {
    let named = !(issuer.trim().is_empty() && name.trim().is_empty());
    let refused = clean_label(issuer, Field::Issuer).and_then(|_| clean_label(name, Field::Name)).err();
    SiteCheck { named, refused }
}

/// The dialog's step, the paste box's text, and whether "Add" was pressed on this step (before
/// that, key entry shows only the preview of a valid form, no errors on half-typed fields).
/// `Debug` leaves out the text, which may hold a secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AddFlow {
    step: Step,
    text: String,
    attempted: bool,
}

impl std::fmt::Debug for AddFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddFlow").field("step", &self.step).field("text_chars", &self.text.chars().count()).field("attempted", &self.attempted).finish()
    }
}

impl AddFlow {
    /// A dialog just opened (or closed: nothing typed or read stays).
    pub fn new() -> Self {
        Self::default()
    }

    /// The current step.
    pub fn step(&self) -> Step {
        self.step
    }

    /// What sits in the paste box.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether "Add" was pressed since the step was entered.
    pub fn attempted(&self) -> bool {
        self.attempted
    }

    /// Moves to `to`, as if for the first time ("Enter a key", "Backup codes only", "Back").
    pub fn go(&mut self, to: Step) {
        self.step = to;
        self.attempted = false;
    }

    /// A QR code was read (camera or image) into one account: show it, with "Add" ready.
    pub fn found(&mut self) {
        self.step = Step::Found;
    }

    /// Text typed into the paste box, character by character: kept, and read only when "Add" is
    /// pressed (a link typed by hand, or by a keyboard tool, is valid half-way through its key).
    pub fn type_text(&mut self, text: String) {
        self.text = text;
    }

    /// Text pasted (inserted at once) into the paste box: read now. An account goes to
    /// [`Step::Found`], a key to [`Step::Key`], an export leaves the box for the import's
    /// preview; anything else stays in the box.
    pub fn paste(&mut self, text: String) -> Reading {
        let reading = read(&text);
        match &reading {
            Reading::Account(_) => {
                self.text.clear();
                self.step = Step::Found;
            }
            Reading::Export(_) => self.text.clear(),
            Reading::Key(_) => {
                self.text.clear();
                self.go(Step::Key);
            }
            Reading::Unread => self.text = text,
        }
        reading
    }

    /// "Use as key" under a key typed into the paste box: the key (without the spaces around it)
    /// goes to key entry.
    pub fn use_as_key(&mut self) -> String {
        let key = std::mem::take(&mut self.text).trim().to_owned();
        self.go(Step::Key);
        key
    }

    /// Text typed or pasted into any other field (issuer, name, key, digits …, and the site's
    /// names): a link is read as pasted into the paste box, from the first step, and the field
    /// keeps what it had (`Some`); anything else is the field's own (`None`).
    pub fn link_in(&mut self, text: &str) -> Option<Reading> {
        if !uri::is_link(text) {
            return None;
        }
        self.go(Step::Choose);
        Some(self.paste(text.to_owned()))
    }

    /// "Add" pressed: on the first step the paste box is read now; elsewhere the step's errors
    /// are shown from now on.
    pub fn submit(&mut self) -> Submit {
        let submit = match self.step {
            Step::Codes => return Submit::Codes,
            Step::Choose => Submit::Read(self.paste(self.text.clone())),
            Step::Key | Step::Found => Submit::Account,
        };
        self.attempted = true;
        submit
    }

    /// Whether "Add" is offered: on the first step only for text in the paste box while no
    /// export's preview shows; on every other step always.
    pub fn can_submit(&self, previewing: bool) -> bool {
        match self.step {
            Step::Choose => !previewing && !self.text.trim().is_empty(),
            Step::Key | Step::Found | Step::Codes => true,
        }
    }

    /// Whether the paste box holds a key typed by hand (offered "Use as key"; a paste switches at once).
    pub fn typed_key(&self) -> bool {
        self.step == Step::Choose && uri::is_bare_key(&self.text)
    }

    /// What the form amounts to on this step: the paste box's link, key entry (before "Add" only
    /// a valid form, never an error), what was found; nothing while empty or on backup codes.
    pub fn outcome(&self, entry: &ManualEntry, found: Option<(Account, Vec<Warning>)>) -> Option<Outcome> {
        match self.step {
            Step::Choose => {
                if self.text.trim().is_empty() {
                    return None;
                }
                Some(uri::parse(&self.text).map(|p| (p.account, p.warnings)).map_err(Problem::Link))
            }
            Step::Key if !self.attempted => entry.to_account().ok().map(Ok),
            Step::Key => Some(entry.to_account().map_err(Problem::Field)),
            Step::Found => found.map(Ok),
            Step::Codes => None,
        }
    }
}

//! The keys that open the vault: unlocking with a passkey, adding and removing passkeys, and
//! changing the passphrase (every passkey slot wraps the new master key).

use super::{KeptIn, Phase, Problem, Session};
use crate::clock::Clock;
use crate::i18n::T;
use crate::vault::{Unlocked, VaultError};
use crate::web::kdf::{self, KeyFailure};
use crate::web::passkey::{self, PasskeyError};
use crate::web::clock::BrowserClock;
use crate::web::perf::Span;
use crate::web::prefs::{self, Key};
use crate::web::random::WebRandom;
use crate::web::tabs::TabMessage;
use leptos::prelude::*;
use zeroize::Zeroizing;
use leptos::task::spawn_local;

impl Session {
    /// [`Session::unlock_with_passkey`], in the open vault's module.
    pub(super) fn unlock_with_passkey_here(self) {
        // The unlock screen may have gone while the module was fetched (unlocked with the
        // passphrase meanwhile, or another tab's doing): nothing to ask then.
        if self.phase.get_untracked() != Phase::Locked {
            self.asking_passkey.set(false);
            return;
        }
        spawn_local(async move {
            let note = |key: T| self.problem.set(Some(Problem::Said(key)));
            let bytes = match self.fresh_record().await {
                Ok(Some(bytes)) if Session::locked_phase(&bytes) == Phase::Locked => bytes,
                Ok(Some(bytes)) => {
                    self.asking_passkey.set(false);
                    self.phase.set(Session::locked_phase(&bytes));
                    return;
                }
                Ok(None) => {
                    self.asking_passkey.set(false);
                    self.phase.set(Phase::Create);
                    return;
                }
                Err(_) => {
                    self.asking_passkey.set(false);
                    note(T::StorageReadFailed);
                    return;
                }
            };
            let known = crate::vault::passkeys_of(&bytes).unwrap_or_default();
            self.passkeys.set(known.clone());
            if known.is_empty() {
                self.asking_passkey.set(false);
                note(T::PasskeyGone);
                return;
            }
            let allowed: Vec<(Vec<u8>, Vec<u8>)> = known.iter().map(|p| (p.credential_id.clone(), p.salt.to_vec())).collect();
            let span = Span::start("vault-unlock-passkey");
            let answer = passkey::unlock(&allowed).await;
            let opened = answer.as_ref().map_err(|e| *e).map(|a| Unlocked::open_with_prf(&bytes, &a.credential_id, &a.secret));
            span.end();
            self.asking_passkey.set(false);
            // Unlocked with the passphrase meanwhile: that stands, and nothing is said.
            if !matches!(self.phase.get_untracked(), Phase::Locked | Phase::Working) {
                return;
            }
            match opened {
                Ok(Ok(vault)) => self.open_with(vault),
                Ok(Err(e)) => self.problem.set(Some(Problem::Vault(e))),
                Err(PasskeyError::Cancelled) => note(T::PasskeyCancelled),
                Err(PasskeyError::Unavailable) => note(T::PasskeyUnavailable),
                Err(_) => note(T::PasskeyFailed),
            }
        });
    }

    /// Whether this device can be offered unlocking with a fingerprint or face: a platform
    /// passkey with PRF can be made here and the offer was not answered before. Starts false and
    /// turns true once the browser has said so.
    pub fn passkey_offer(self) -> ReadSignal<bool> {
        let offer = RwSignal::new(false);
        if prefs::get(Key::PasskeyOfferDone).is_none() {
            spawn_local(async move { offer.set(passkey::can_offer().await) });
        }
        offer.read_only()
    }

    /// The offer was answered (later, made, or this device cannot): it is not made again.
    pub fn passkey_offer_answered(self) {
        prefs::set(Key::PasskeyOfferDone, "1");
    }

    /// Adds a passkey to the open vault: the browser makes a platform passkey with PRF, and its
    /// secret wraps the master key in a new slot. `done` gets the message to show.
    pub fn enroll_passkey(self, name: String, done: impl Fn(T) + 'static) {
        if !self.is_open() || self.kept_in.get_untracked() != KeptIn::IndexedDb {
            return;
        }
        spawn_local(async move {
            if !passkey::available().await {
                done(T::PasskeyUnavailable);
                return;
            }
            let salt = crate::vault::new_prf_salt(&mut WebRandom);
            let mut user_id = [0u8; 16];
            crate::vault::Random::fill(&mut WebRandom, &mut user_id);
            self.asking_passkey.set(true);
            let answer = passkey::enroll(&user_id, &name, &salt).await;
            self.asking_passkey.set(false);
            let answer = match answer {
                Ok(a) => a,
                Err(PasskeyError::NoPrf) => return done(T::PasskeyNoPrf),
                Err(PasskeyError::Cancelled) => return done(T::PasskeyCancelled),
                Err(PasskeyError::Unavailable) => return done(T::PasskeyUnavailable),
                Err(_) => return done(T::PasskeyFailed),
            };
            let now = BrowserClock.now_ms();
            let Some(saving) = self.begin_change(move |v| v.add_passkey(&answer.credential_id, &name, now, salt, &answer.secret, &mut WebRandom)) else {
                return done(T::PasskeyFailed);
            };
            match saving.await {
                Ok(Ok(())) => done(T::PasskeyAdded),
                Ok(Err(VaultError::TooManySlots)) => done(T::PasskeyTooMany),
                Ok(Err(_)) | Err(_) => done(T::PasskeyFailed),
            }
        });
    }

    /// Removes a passkey from the open vault (the passphrase stays). `done` gets whether it was
    /// saved.
    pub fn remove_passkey(self, credential_id: Vec<u8>, done: impl Fn(bool) + 'static) {
        let Some(saving) = self.begin_change(move |v| v.remove_passkey(&credential_id)) else { return done(false) };
        spawn_local(async move { done(saving.await.is_ok()) });
    }

    /// Changes the passphrase after checking the current one against the record stored now (the
    /// passphrase may have been changed in another tab), then saves, and locks the other tabs:
    /// they hold the old passphrase's slot and must ask for the new one. `done` gets the message
    /// to show.
    pub fn change_passphrase(self, current: String, new_pass: String, done: impl Fn(T) + 'static) {
        let locks = self.locks.get_value();
        spawn_local(async move {
            let (current, new_pass) = (Zeroizing::new(current), Zeroizing::new(new_pass));
            let bytes = match self.fresh_record().await {
                Ok(Some(bytes)) => bytes,
                _ => {
                    done(T::StorageReadFailed);
                    return;
                }
            };
            // The stored record, opened with the current passphrase: the newest content, slots and
            // revision, so the save below does not conflict with a change this tab has not seen.
            // Both derivations run in the worker; the new passphrase gets a new master key.
            let mut vault = match kdf::open_vault(&bytes, &current).await {
                Ok(v) => v,
                Err(KeyFailure::Cancelled) => {
                    done(T::KdfCancelled);
                    return;
                }
                Err(_) => {
                    done(T::CurrentPassWrong);
                    return;
                }
            };
            // Each passkey is asked once more, so its slot can wrap the new master key; one that
            // does not answer is dropped (the passphrase stays the way back).
            let mut answers = Vec::new();
            let known = vault.passkeys();
            for p in &known {
                self.asking_passkey.set(true);
                if let Ok(answer) = passkey::unlock(&[(p.credential_id.clone(), p.salt.to_vec())]).await {
                    answers.push(answer);
                }
                self.asking_passkey.set(false);
            }
            let secrets: Vec<(&[u8], &[u8])> = answers.iter().map(|a| (a.credential_id.as_slice(), a.secret.as_slice())).collect();
            match kdf::change_passphrase(&mut vault, &new_pass, &secrets).await {
                Ok(()) => {}
                Err(KeyFailure::Cancelled) => {
                    done(T::KdfCancelled);
                    return;
                }
                Err(_) => {
                    done(T::SaveFailed);
                    return;
                }
            }
            let based_on = Some(vault.revision);
            match self.write(&mut vault, based_on).await {
                Ok(()) => {
                    self.tabs.with_value(|t| {
                        if let Some(t) = t {
                            t.send(TabMessage::Lock);
                        }
                    });
                    let kept = vault.passkeys().len();
                    // The automatic file follows the new passphrase at once.
                    self.autosave_from(vault.clone());
                    if self.locks.get_value() == locks && self.is_open() {
                        self.show(vault);
                    }
                    done(if kept < known.len() { T::PassChangedPasskeysDropped } else { T::PassChanged });
                }
                Err(e) => done(Session::store_message(&e)),
            }
        });
    }
}

//! Passkeys with the WebAuthn PRF extension: make a platform credential that can return a
//! secret for a salt we choose, and ask it for that secret again to unlock. The secret is handed
//! to the vault's key slots and never kept here.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

/// Why a passkey gave no secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PasskeyError {
    /// This browser has no WebAuthn, or no platform authenticator (fingerprint, face, PIN).
    Unavailable,
    /// The authenticator made the credential but cannot return a PRF secret.
    NoPrf,
    /// The user cancelled, or verification failed or timed out (`NotAllowedError`).
    Cancelled,
    /// Anything else the browser refused.
    Failed,
}

/// What a passkey answered: which credential, and the PRF secret for the salt asked.
pub struct PrfAnswer {
    /// The credential's raw id.
    pub credential_id: Vec<u8>,
    /// The PRF output (32 bytes), wiped when dropped.
    pub secret: Zeroizing<Vec<u8>>,
}

fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn bytes(data: &[u8]) -> Uint8Array {
    Uint8Array::from(data)
}

/// Bytes from an ArrayBuffer or a view of one.
fn to_vec(value: &JsValue) -> Option<Vec<u8>> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(Uint8Array::new(value).to_vec())
}

fn credentials() -> Option<web_sys::CredentialsContainer> {
    let window = web_sys::window()?;
    // No `PublicKeyCredential` at all: WebAuthn is not there (or the page is not secure).
    if get(&window, "PublicKeyCredential").is_undefined() {
        return None;
    }
    Some(window.navigator().credentials())
}

/// Whether this browser can make a passkey on this device (a fingerprint, face or device PIN).
/// PRF support itself is only known once a credential is made.
pub async fn available() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let class = get(&window, "PublicKeyCredential");
    if class.is_undefined() {
        return false;
    }
    let check = get(&class, "isUserVerifyingPlatformAuthenticatorAvailable");
    let Some(check) = check.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = check.call0(&class) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Whether to offer a passkey at all: a platform authenticator is there, and the browser does not
/// say it lacks PRF (`getClientCapabilities`, where the browser has it; elsewhere PRF is only
/// known once a credential is made, and a passkey without it is refused then, nothing changed).
pub async fn can_offer() -> bool {
    if !available().await {
        return false;
    }
    let Some(window) = web_sys::window() else { return false };
    let class = get(&window, "PublicKeyCredential");
    let ask = get(&class, "getClientCapabilities");
    let Some(ask) = ask.dyn_ref::<js_sys::Function>() else { return true };
    let Ok(promise) = ask.call0(&class).and_then(|p| p.dyn_into::<js_sys::Promise>()) else { return true };
    match JsFuture::from(promise).await {
        Ok(caps) => get(&caps, "extension:prf").as_bool() != Some(false),
        Err(_) => true,
    }
}

fn error_of(e: &JsValue) -> PasskeyError {
    match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
        Some(name) if name == "NotAllowedError" || name == "AbortError" => PasskeyError::Cancelled,
        Some(name) if name == "NotSupportedError" || name == "SecurityError" => PasskeyError::Unavailable,
        _ => PasskeyError::Failed,
    }
}

fn challenge() -> Uint8Array {
    let mut c = [0u8; 32];
    crate::vault::Random::fill(&mut super::random::WebRandom, &mut c);
    bytes(&c)
}

/// The PRF result `first` in a credential's client extension results, if any.
fn prf_first(credential: &JsValue) -> (bool, Option<Vec<u8>>) {
    let results = get(credential, "getClientExtensionResults");
    let Some(f) = results.dyn_ref::<js_sys::Function>() else { return (false, None) };
    let Ok(ext) = f.call0(credential) else { return (false, None) };
    let prf = get(&ext, "prf");
    let enabled = get(&prf, "enabled").as_bool().unwrap_or(false);
    let raw = get(&get(&prf, "results"), "first");
    let first = to_vec(&raw);
    // The browser's copy is cleared once ours is taken.
    if !raw.is_undefined() && !raw.is_null() {
        Uint8Array::new(&raw).fill(0, 0, u32::MAX);
    }
    (enabled || first.is_some(), first)
}

/// Makes a platform passkey for this vault (`user_id` is random, not a person's id; `label` is
/// what the device's passkey list shows) with PRF, and gets its secret for `salt`. Some
/// authenticators only give the secret when the passkey is used, so it is then asked once more.
pub async fn enroll(user_id: &[u8], label: &str, salt: &[u8]) -> Result<PrfAnswer, PasskeyError> {
    let container = credentials().ok_or(PasskeyError::Unavailable)?;
    let public_key = Object::new();
    let rp = Object::new();
    set(&rp, "name", "Authenticator");
    set(&public_key, "rp", rp);
    let user = Object::new();
    set(&user, "id", bytes(user_id));
    set(&user, "name", label);
    set(&user, "displayName", label);
    set(&public_key, "user", user);
    set(&public_key, "challenge", challenge());
    let params = Array::new();
    for alg in [-7, -257] {
        let p = Object::new();
        set(&p, "type", "public-key");
        set(&p, "alg", alg);
        params.push(&p);
    }
    set(&public_key, "pubKeyCredParams", params);
    let selection = Object::new();
    set(&selection, "authenticatorAttachment", "platform");
    set(&selection, "userVerification", "required");
    set(&selection, "residentKey", "discouraged");
    set(&public_key, "authenticatorSelection", selection);
    set(&public_key, "timeout", 120_000);
    set(&public_key, "extensions", prf_extension(None, salt));
    let options = Object::new();
    set(&options, "publicKey", public_key);
    let promise = container.create_with_options(options.unchecked_ref()).map_err(|e| error_of(&e))?;
    match credential_answer(promise).await? {
        (id, _, Some(secret)) => Ok(PrfAnswer { credential_id: id, secret: Zeroizing::new(secret) }),
        (id, true, None) => {
            let answer = unlock(&[(id, salt.to_vec())]).await?;
            Ok(answer)
        }
        (_, false, None) => Err(PasskeyError::NoPrf),
    }
}

/// Waits for the browser's answer to `create` or `get`: the credential's raw id, whether PRF is
/// enabled for it, and the PRF secret if the answer carries one.
async fn credential_answer(promise: js_sys::Promise) -> Result<(Vec<u8>, bool, Option<Vec<u8>>), PasskeyError> {
    let credential = JsFuture::from(promise).await.map_err(|e| error_of(&e))?;
    if credential.is_null() || credential.is_undefined() {
        return Err(PasskeyError::Failed);
    }
    let id = to_vec(&get(&credential, "rawId")).ok_or(PasskeyError::Failed)?;
    let (enabled, secret) = prf_first(&credential);
    Ok((id, enabled, secret))
}

/// The `prf` extension input: one salt for every credential allowed, or per credential.
fn prf_extension(by_credential: Option<&[(Vec<u8>, Vec<u8>)]>, salt: &[u8]) -> Object {
    let prf = Object::new();
    match by_credential {
        None => {
            let eval = Object::new();
            set(&eval, "first", bytes(salt));
            set(&prf, "eval", eval);
        }
        Some(list) => {
            let map = Object::new();
            for (id, salt) in list {
                let eval = Object::new();
                set(&eval, "first", bytes(salt));
                set(&map, &base64url(id), eval);
            }
            set(&prf, "evalByCredential", map);
        }
    }
    let ext = Object::new();
    set(&ext, "prf", prf);
    ext
}

fn base64url(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

/// Asks one of these passkeys (credential id, salt) for its PRF secret, with user verification.
pub async fn unlock(allowed: &[(Vec<u8>, Vec<u8>)]) -> Result<PrfAnswer, PasskeyError> {
    let container = credentials().ok_or(PasskeyError::Unavailable)?;
    let public_key = Object::new();
    set(&public_key, "challenge", challenge());
    let list = Array::new();
    for (id, _) in allowed {
        let d = Object::new();
        set(&d, "type", "public-key");
        set(&d, "id", bytes(id));
        list.push(&d);
    }
    set(&public_key, "allowCredentials", list);
    set(&public_key, "userVerification", "required");
    set(&public_key, "timeout", 120_000);
    set(&public_key, "extensions", prf_extension(Some(allowed), &[]));
    let options = Object::new();
    set(&options, "publicKey", public_key);
    let promise = container.get_with_options(options.unchecked_ref()).map_err(|e| error_of(&e))?;
    match credential_answer(promise).await? {
        (id, _, Some(secret)) => Ok(PrfAnswer { credential_id: id, secret: Zeroizing::new(secret) }),
        _ => Err(PasskeyError::NoPrf),
    }
}

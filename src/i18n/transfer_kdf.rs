//! Import errors of the password-protected formats read since issue 22: key derivations over the
//! caps, and a binary file that only a password could tell.

use super::Lang;
use crate::import::kdf::{MAX_ARGON2_KIB, MAX_ARGON2_LANES, MAX_ARGON2_WORK, MAX_PBKDF2_ITERATIONS};

/// KiB as MiB or GiB, rounded up, so an amount over a cap never reads as the cap itself.
fn kib_text(kib: u64) -> String {
    const MIB: u64 = 1024;
    const GIB: u64 = 1024 * 1024;
    if kib >= GIB && kib % GIB == 0 {
        format!("{} GiB", kib / GIB)
    } else if kib >= MIB {
        format!("{} MiB", kib.div_ceil(MIB))
    } else {
        format!("{kib} KiB")
    }
}

/// The file's Argon2 asks for more than the caps.
pub fn argon2_too_costly(lang: Lang, memory_kib: u64, iterations: u64, parallelism: u64) -> String {
    let (cap, work_cap) = (kib_text(MAX_ARGON2_KIB.into()), kib_text(MAX_ARGON2_WORK));
    let mut over = Vec::new();
    let memory = kib_text(memory_kib);
    match lang {
        Lang::En => {
            if memory_kib > u64::from(MAX_ARGON2_KIB) {
                over.push(format!("{memory} of memory, more than the {cap} this app allows"));
            } else if memory_kib.saturating_mul(iterations) > MAX_ARGON2_WORK {
                over.push(format!("{iterations} passes over {memory}, more work than {work_cap} in one pass, which this app allows"));
            }
            if parallelism > u64::from(MAX_ARGON2_LANES) {
                over.push(format!("{parallelism} lanes, more than the {MAX_ARGON2_LANES} this app allows"));
            }
            format!(
                "This file's password protection asks for Argon2 with {memory} of memory, {iterations} passes and {parallelism} lanes: {}. It was not opened, so the browser cannot freeze or run out of memory. Nothing was imported; export it again from the other app with its default settings.",
                over.join(", and ")
            )
        }
        Lang::Ja => {
            if memory_kib > u64::from(MAX_ARGON2_KIB) {
                over.push(format!("メモリ {memory}（このアプリの上限 {cap} を超えています）"));
            } else if memory_kib.saturating_mul(iterations) > MAX_ARGON2_WORK {
                over.push(format!("{memory} を{iterations}回処理する計算量（このアプリの上限は {work_cap} を1回分）"));
            }
            if parallelism > u64::from(MAX_ARGON2_LANES) {
                over.push(format!("並列数 {parallelism}（このアプリの上限は{MAX_ARGON2_LANES}）"));
            }
            format!(
                "このファイルのパスワード保護は Argon2（メモリ {memory}、{iterations}回、並列数 {parallelism}）で、{}を必要とします。ブラウザが固まったりメモリ不足になったりしないよう開きませんでした。何もインポートしていません。元のアプリの標準設定でもう一度エクスポートしてください。",
                over.join("と、")
            )
        }
    }
}

/// The file's PBKDF2 asks for more rounds than the cap.
pub fn pbkdf2_too_costly(lang: Lang, iterations: u64) -> String {
    match lang {
        Lang::En => format!(
            "This file's password protection asks for {iterations} rounds of PBKDF2, more than the {MAX_PBKDF2_ITERATIONS} this app allows, so it was not opened and the browser cannot freeze. Nothing was imported; export it again from the other app with its default settings."
        ),
        Lang::Ja => format!(
            "このファイルのパスワード保護は PBKDF2 を{iterations}回繰り返すもので、このアプリの上限（{MAX_PBKDF2_ITERATIONS}回）を超えるため、ブラウザが固まらないよう開きませんでした。何もインポートしていません。元のアプリの標準設定でもう一度エクスポートしてください。"
        ),
    }
}

/// A binary file of no known format: perhaps an older andOTP encrypted backup.
pub fn unknown_binary(lang: Lang, password_tried: bool) -> String {
    match (lang, password_tried) {
        (Lang::En, false) => "This file is not text, and not a format this app recognises. If it is an andOTP encrypted backup file (.json.aes), enter its password and press Read again; otherwise choose the export file your authenticator app made. Nothing was imported.".into(),
        (Lang::Ja, false) => "このファイルはテキストではなく、このアプリが認識できる形式でもありません。andOTP の暗号化バックアップファイル（.json.aes）ならパスワードを入力して、もう一度「読み込む」を押してください。そうでなければ、認証アプリが作成したエクスポートファイルを選んでください。何もインポートしていません。".into(),
        (Lang::En, true) => "This password does not open the file as an andOTP encrypted backup file, and the file is of no other format this app reads. If it is an andOTP backup file, check the password (and Caps Lock) and try again; otherwise choose the export file your authenticator app made. Nothing was imported.".into(),
        (Lang::Ja, true) => "このパスワードでは andOTP の暗号化バックアップファイルとして開けず、このアプリが読めるほかの形式でもありません。andOTP のバックアップファイルなら、パスワードを確認して（Caps Lock もご確認ください）もう一度お試しください。そうでなければ、認証アプリが作成したエクスポートファイルを選んでください。何もインポートしていません。".into(),
    }
}

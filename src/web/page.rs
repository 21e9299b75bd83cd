//! The document the app lives in: whether it is hidden or has the focus, its title, printing,
//! scroll geometry, the animation timeline, and the files a user chose, dropped or pasted.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the page is hidden now (another tab in front, minimised, screen off).
pub fn hidden() -> bool {
    document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Whether the page has the keyboard focus now (assumed when the browser cannot say).
pub fn has_focus() -> bool {
    document().and_then(|d| d.has_focus().ok()).unwrap_or(true)
}

/// Sets the window's title.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Opens the browser's print dialog after `delay_ms`, so what was just shown for printing has
/// rendered before the dialog takes its snapshot.
pub fn print_after(delay_ms: u64) {
    leptos::prelude::set_timeout(
        || {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        },
        std::time::Duration::from_millis(delay_ms),
    );
}

/// This app's address as a user would type it again on another device: the page's origin and
/// path, without a trailing `index.html` (the app may live under a sub-path).
pub fn app_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let (origin, path) = (location.origin().ok()?, location.pathname().ok()?);
    Some(format!("{origin}{}", path.strip_suffix("index.html").unwrap_or(&path)))
}

/// Whether `el` is on screen or below it by less than `screens` window heights (the list renders
/// more rows when its end comes near). An element above the viewport does not count: the user
/// has scrolled past it (to the settings below the list), and rows added above would move the
/// page, fire another scroll, and add rows again without end.
pub fn within_screens(el: &web_sys::Element, screens: f64) -> bool {
    let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(800.0);
    let rect = el.get_bounding_client_rect();
    rect.bottom() >= 0.0 && rect.top() < height * screens
}

/// Whether an event happened while the user was typing in a field (its target is an input, a
/// text area or a select), where single-key shortcuts must not act.
pub fn typing_in_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The `data-menu-of` of the row whose menu (`.menu-wrap`) an event happened in, if it happened
/// in one: a press there does not close that row's menu.
pub fn menu_row_of(ev: &web_sys::Event) -> Option<String> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".menu-wrap").ok().flatten())
        .and_then(|w| w.closest("[data-menu-of]").ok().flatten())
        .and_then(|row| row.get_attribute("data-menu-of"))
}

/// The node an event came from, to ask later whether it is still in the page ([`in_page`]).
pub fn event_node(ev: &web_sys::Event) -> Option<web_sys::Node> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok())
}

/// Whether `node` is still in the page (not removed with what was drawn again).
pub fn in_page(node: &web_sys::Node) -> bool {
    node.is_connected()
}

/// The children of `parent` that match `selector`, in order (a menu's items).
pub fn children_matching(parent: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    std::iter::successors(parent.first_element_child(), |e| e.next_element_sibling()).filter(|e| e.matches(selector).unwrap_or(false)).collect()
}

/// Which of `items` has the focus now, if one has.
pub fn focused_among(items: &[web_sys::Element]) -> Option<usize> {
    let active = document()?.active_element()?;
    items.iter().position(|e| active.is_same_node(Some(e)))
}

/// Puts the focus on `el` (when it can take it).
pub fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Puts the focus on the first element under `root` that matches `selector`, if there is one.
pub fn focus_within(root: &web_sys::Element, selector: &str) {
    if let Some(el) = root.query_selector(selector).ok().flatten() {
        focus(&el);
    }
}

/// Whether the `<details>` an event (`toggle`) came from is open now.
pub fn details_open(ev: &web_sys::Event) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open())
}

/// The time CSS animations run on (the document timeline, ms), or `None` while the page is
/// hidden: an animation made then only starts once the page is shown, so its phase is lost.
/// Unlike `Date.now()`, it does not jump when the device clock is set or after sleep.
pub fn animation_time_ms() -> Option<f64> {
    let doc = document()?;
    if doc.visibility_state() == web_sys::VisibilityState::Hidden {
        return None;
    }
    let timeline = js_sys::Reflect::get(&doc, &"timeline".into()).ok()?;
    js_sys::Reflect::get(&timeline, &"currentTime".into()).ok()?.as_f64()
}

/// The first file chosen in the `<input type=file>` an event came from.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()).and_then(|f| f.get(0))
}

/// Every file chosen in the `<input type=file multiple>` an event came from, in order.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let list = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files());
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Every file dropped, in order.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    let list = ev.data_transfer().and_then(|d| d.files());
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Every image pasted (screenshots), in order.
pub fn pasted_images(ev: &web_sys::ClipboardEvent) -> Vec<web_sys::File> {
    let list = ev.clipboard_data().and_then(|d| d.files());
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).filter(|f| f.type_().starts_with("image/")).collect()).unwrap_or_default()
}

/// Whether a file is a picture (by the type the browser gives it, or its name's ending).
pub fn is_image(file: &web_sys::File) -> bool {
    let name = file.name().to_ascii_lowercase();
    file.type_().starts_with("image/") || [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".heic"].iter().any(|e| name.ends_with(e))
}

/// The user agent and the number of touch points (to choose words and steps for this device,
/// nothing else).
pub fn user_agent() -> (String, u32) {
    let nav = web_sys::window().map(|w| w.navigator());
    let ua = nav.as_ref().and_then(|n| n.user_agent().ok()).unwrap_or_default();
    let touch = nav.as_ref().map(|n| n.max_touch_points()).unwrap_or(0);
    (ua, touch.max(0) as u32)
}

/// Whether the device is worked by touch alone (its main pointer is a finger that cannot hover:
/// a phone or tablet), so hints that name keys, shortcuts or dropping files do not apply. Read
/// once, when first asked.
pub fn touch_only() -> bool {
    thread_local! {
        static TOUCH: bool = web_sys::window()
            .and_then(|w| w.match_media("(hover: none) and (pointer: coarse)").ok().flatten())
            .is_some_and(|m| m.matches());
    }
    TOUCH.with(|t| *t)
}

/// Whether an `input` event put in more than one character at once: a paste, a drop, or text
/// filled in by the browser or a keyboard's suggestion, rather than a key typed.
pub fn inserted_at_once(ev: &web_sys::Event) -> bool {
    let kind = js_sys::Reflect::get(ev, &"inputType".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let data = js_sys::Reflect::get(ev, &"data".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    kind.starts_with("insertFromPaste") || kind == "insertFromDrop" || kind == "insertReplacementText" || data.chars().count() > 1
}

/// Scrolls `el` to the middle of the view, without animation (nothing moves for a user who asked
/// for reduced motion): a row the user just added, seen with what is around it.
pub fn scroll_into_view(el: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"center".into());
    if let Ok(f) = js_sys::Reflect::get(el, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call1(el, &options);
    }
}

/// Whether focus has fallen back to the page or to the dialog around it (the element that had
/// it was removed), or is on an element whose `data-testid` starts with one of `on`.
pub fn focus_lost_or_on(on: &[&str]) -> bool {
    document().is_none_or(|d| {
        d.active_element().is_none_or(|e| {
            matches!(e.tag_name().as_str(), "BODY" | "DIALOG")
                || e.get_attribute("data-testid").is_some_and(|t| on.iter().any(|p| t.starts_with(p)))
        })
    })
}

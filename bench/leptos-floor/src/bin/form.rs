include!("../form_common.rs");

#[component]
fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::En);
    let status = RwSignal::new(Status::Idle);
    view! { <main><UnlockForm lang status/></main> }
}

fn main() {
    leptos::mount::mount_to_body(App)
}

//! Prints the backup-code parser's results on every fixture: codes found against the codes the
//! block really holds (tests/fixtures/backup_codes/expected.tsv, written by hand), and any false
//! codes. `cargo run --example backup_code_report`

use authenticator::backup_codes::extract;

fn main() {
    let dir = "tests/fixtures/backup_codes";
    let table = std::fs::read_to_string(format!("{dir}/expected.tsv")).expect("expected.tsv");
    let (mut found_total, mut expected_total, mut false_total) = (0, 0, 0);
    println!("{:<20} {:<9} {:>13} {:>12}", "fixture", "shape", "found/expect", "false codes");
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, shape, expected) = (cols[0], cols[1], cols[2].split(' ').collect::<Vec<_>>());
        let text = std::fs::read_to_string(format!("{dir}/{file}")).expect("fixture");
        let found = extract(&text);
        let codes: Vec<String> = found.as_ref().map(|f| f.codes.clone()).unwrap_or_default();
        let right = codes.iter().filter(|c| expected.contains(&c.as_str())).count();
        let wrong = codes.len() - right;
        let got_shape = found.map(|f| format!("{:?}", f.shape)).unwrap_or_else(|| "none".into());
        let mark = if got_shape == shape { "" } else { " (shape differs)" };
        println!("{file:<20} {got_shape:<9} {:>13} {wrong:>12}{mark}", format!("{right}/{}", expected.len()));
        found_total += right;
        expected_total += expected.len();
        false_total += wrong;
    }
    println!("{:<20} {:<9} {:>13} {false_total:>12}", "total", "", format!("{found_total}/{expected_total}"));
}
